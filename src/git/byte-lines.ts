/** Line boundaries in raw blob bytes (UTF-8 or any ASCII-compatible encoding): lines end at `\n`. */

export const NEWLINE = 10;

/** Offset just past the line that starts at `start` (its newline included), or `end` when the line runs to it. */
export function lineEnd(bytes: Buffer, start: number, end: number): number {
  const newline = bytes.indexOf(NEWLINE, start);
  return newline === -1 || newline >= end ? end : newline + 1;
}

/** Offset just past `count` lines from the line starting at `start` (or `end`, if it comes first). */
export function linesForward(bytes: Buffer, start: number, count: number, end = bytes.length): number {
  let at = start;
  for (let n = 0; n < count && at < end; n++) at = lineEnd(bytes, at, end);
  return at;
}

/** The 1-based line holding each of the given offsets (ascending), counted in one pass. */
export function lineNumbersAt(bytes: Buffer, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let at = 0;
  for (const offset of offsets) {
    for (let nl = bytes.indexOf(NEWLINE, at); nl !== -1 && nl < offset; nl = bytes.indexOf(NEWLINE, at)) {
      line++;
      at = nl + 1;
    }
    lines.push(line);
  }
  return lines;
}
