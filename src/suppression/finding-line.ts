import type { Chunk, Finding } from "../types.js";

/**
 * The text of the line a finding starts on, taken from the chunk it was found in. Sources that
 * hand over a slice of a file set `chunk.lineMap` (chunk line → file line); the finding carries the
 * file's line, so it is mapped back first. Undefined when the line is not in the chunk.
 */
export function findingLineText(chunk: Chunk, finding: Finding): string | undefined {
  const chunkLine = chunk.lineMap ? chunk.lineMap.indexOf(finding.start.line) + 1 : finding.start.line;
  if (chunkLine < 1) return undefined;
  let start = 0;
  for (let line = 1; line < chunkLine; line++) {
    const nl = chunk.text.indexOf("\n", start);
    if (nl === -1) return undefined;
    start = nl + 1;
  }
  const end = chunk.text.indexOf("\n", start);
  return chunk.text.slice(start, end === -1 ? chunk.text.length : end).replace(/\r$/, "");
}
