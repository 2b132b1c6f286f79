/**
 * Cuts a file down to the lines a change added, plus a little context, so history scans read
 * each line of history about once instead of once per version of the file. Armoured blocks
 * (`-----BEGIN …-----` to `-----END …-----`, e.g. PEM private keys) that touch an added line are
 * kept whole, so multi-line secrets are still seen entire. `lineMap` maps the excerpt's lines
 * back to the file's, so findings keep the file's line numbers.
 */

import { lineIndexOf } from "../detect/line-index.js";

/** Lines kept around each added line: rules that look for a keyword near the secret still see it. */
export const EXCERPT_CONTEXT_LINES = 3;

/** Above this share of kept lines, the whole file is cheaper to scan than an excerpt. */
const WHOLE_FILE_SHARE = 0.6;

export interface Excerpt {
  readonly text: string;
  /** Excerpt line (1-based, index + 1) → file line. */
  readonly lineMap: readonly number[];
}

/** An excerpt of `text` around `added` (1-based file lines), or undefined when the whole file should be scanned. */
export function excerptAround(text: string, added: ReadonlySet<number>): Excerpt | undefined {
  const lines = new LineOffsets(text);
  let last = 0;
  for (const line of added) last = Math.max(last, line);
  const ranges: [number, number][] = [...added].map((line) => [line - EXCERPT_CONTEXT_LINES, line + EXCERPT_CONTEXT_LINES]);
  // Only blocks that begin before the last added line can touch an added line.
  for (const [begin, end] of armouredBlocks(text, lines, lines.end(last))) {
    for (let l = begin; l <= end; l++) {
      if (!added.has(l)) continue;
      ranges.push([begin, end]);
      break;
    }
  }
  const keep = new Set<number>();
  for (const [from, to] of ranges) for (let l = Math.max(1, from); l <= to && lines.exists(l); l++) keep.add(l);
  const lineMap = [...keep].sort((a, b) => a - b);
  const kept = lineMap.map((l) => text.slice(lines.start(l), lines.end(l)));
  const keptChars = kept.reduce((sum, line) => sum + line.length + 1, 0);
  if (keptChars > text.length * WHOLE_FILE_SHARE) return undefined;
  return { text: kept.join("\n"), lineMap };
}

/** Line offsets found on demand: files changed near the top are never searched to the end. */
class LineOffsets {
  private readonly starts = [0];
  private complete = false;

  constructor(private readonly text: string) {}

  exists(line: number): boolean {
    return this.reach(line);
  }

  start(line: number): number {
    this.reach(line);
    return this.starts[line - 1] ?? this.text.length;
  }

  /** Offset of the line's newline (or of the end of the text). */
  end(line: number): number {
    return this.reach(line + 1) ? this.starts[line]! - 1 : this.text.length;
  }

  /** The 1-based line holding `offset`. */
  lineAt(offset: number): number {
    while (!this.complete && this.starts[this.starts.length - 1]! <= offset) this.reach(this.starts.length + 1);
    return lineIndexOf(this.starts, offset) + 1;
  }

  /** Finds line starts up to `line`; false when the text has fewer lines. */
  private reach(line: number): boolean {
    while (this.starts.length < line && !this.complete) {
      const newline = this.text.indexOf("\n", this.starts[this.starts.length - 1]!);
      if (newline === -1) this.complete = true;
      else this.starts.push(newline + 1);
    }
    return this.starts.length >= line;
  }
}

/** [begin, end] 1-based line ranges of BEGIN…END armoured blocks that begin before `until` (an unterminated one runs to the end). */
function armouredBlocks(text: string, lines: LineOffsets, until: number): [number, number][] {
  const blocks: [number, number][] = [];
  for (let begin = text.indexOf("-----BEGIN "); begin !== -1 && begin <= until; ) {
    const end = text.indexOf("-----END ", begin);
    blocks.push([lines.lineAt(begin), end === -1 ? lines.lineAt(text.length) : lines.lineAt(end)]);
    if (end === -1) break;
    begin = text.indexOf("-----BEGIN ", end);
  }
  return blocks;
}
