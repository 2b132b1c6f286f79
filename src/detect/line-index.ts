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
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  lineBounds(line: number, text: string): { start: number; end: number } {
    const start = this.lineStarts[line - 1] ?? text.length;
    const next = this.lineStarts[line];
    let end = next === undefined ? text.length : next - 1;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    return { start, end };
  }
}
