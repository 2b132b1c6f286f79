import type { Chunk, Finding } from "../types.js";

/**
 * Offsets where each line of a chunk starts, computed once per chunk: a file with many findings
 * would otherwise be walked from its first line again for every one of them.
 */
const lineStartsByChunk = new WeakMap<Chunk, readonly number[]>();

function lineStarts(chunk: Chunk): readonly number[] {
  let starts = lineStartsByChunk.get(chunk);
  if (!starts) {
    const found = [0];
    for (let nl = chunk.text.indexOf("\n"); nl !== -1; nl = chunk.text.indexOf("\n", nl + 1)) found.push(nl + 1);
    lineStartsByChunk.set(chunk, (starts = found));
  }
  return starts;
}

/**
 * The text of the line a finding starts on, taken from the chunk it was found in. The finding
 * carries the file's line; a chunk that is an excerpt of the file maps it back to its own line
 * first. Undefined when the line is not in the chunk.
 */
export function findingLineText(chunk: Chunk, finding: Finding): string | undefined {
  const chunkLine = chunk.fileLines ? chunk.fileLines.chunkLine(finding.start.line) : finding.start.line;
  if (chunkLine === undefined || chunkLine < 1) return undefined;
  const starts = lineStarts(chunk);
  const start = starts[chunkLine - 1];
  if (start === undefined) return undefined;
  const next = starts[chunkLine];
  const end = next === undefined ? chunk.text.length : next - 1;
  return chunk.text.slice(start, end).replace(/\r$/, "");
}
