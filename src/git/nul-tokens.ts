/**
 * Splits a byte stream on NUL into tokens (git's `-z` output), without holding more than one
 * partial token across chunks.
 */
export async function* nulTokens(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let carry: Buffer | undefined;
  for await (const data of stream) {
    const buffer = carry ? Buffer.concat([carry, data]) : data;
    let start = 0;
    for (let nul = buffer.indexOf(0, start); nul !== -1; nul = buffer.indexOf(0, start)) {
      yield buffer.toString("utf8", start, nul);
      start = nul + 1;
    }
    carry = start < buffer.length ? buffer.subarray(start) : undefined;
  }
  if (carry && carry.length > 0) yield carry.toString("utf8");
}
