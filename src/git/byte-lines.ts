/** Line boundaries in raw blob bytes (UTF-8 or any ASCII-compatible encoding): lines end at `\n`. */

export const NEWLINE = 10;

/** Offset just past the line that starts at `start` (its newline included), or `end` when the line runs to it. */
export function lineEnd(bytes: Buffer, start: number, end: number): number {
  const newline = bytes.indexOf(NEWLINE, start);
  return newline === -1 || newline >= end ? end : newline + 1;
}
