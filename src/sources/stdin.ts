import type { Source } from "./source.js";
import { decodeText } from "./text.js";

/** Scans bytes read from standard input as one file named `name` (for reports and path rules). */
export function bytesSource(bytes: Uint8Array, name: string): Source {
  return async function* () {
    const decoded = decodeText(bytes);
    if (decoded.kind === "binary") {
      yield { type: "notice", notice: { level: "note", code: "BINARY_SKIPPED", path: name, message: "skipped: binary input" } };
      return;
    }
    yield { type: "chunk", chunk: { path: name, text: decoded.text } };
  };
}

export async function readAllStdin(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(typeof part === "string" ? Buffer.from(part) : (part as Buffer));
  return Buffer.concat(parts);
}
