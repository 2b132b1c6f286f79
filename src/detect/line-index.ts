import type { Position } from "../types.js";

/**
 * Maps offsets (UTF-16 code units) to 1-based line/column. Lines end at "\n"; a preceding
 * "\r" stays on its line, so CRLF files report the same lines and columns as LF files.
 * Built only for chunks that produced candidates.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  /** Position of `offset`; an end offset (exclusive) maps to the column just past the last char. */
  position(offset: number): Position {
    const index = lineIndexOf(this.lineStarts, offset);
    return { line: index + 1, column: offset - this.lineStarts[index]! + 1 };
  }
}

/** 0-based index of the line holding `offset`, given the sorted offsets where lines start (first is 0). */
export function lineIndexOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
