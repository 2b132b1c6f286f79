/**
 * Cuts a file down to the lines a change added, plus a little context, so history scans read
 * each line of history about once instead of once per version of the file. Armoured blocks
 * (`-----BEGIN …-----` to `-----END …-----`, e.g. PEM private keys) that touch an added line are
 * kept whole, so multi-line secrets are still seen entire. `lineMap` maps the excerpt's lines
 * back to the file's, so findings keep the file's line numbers.
 */

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
  const starts = lineStarts(text);
  const lineCount = starts.length;
  const keep = new Uint8Array(lineCount + 2);
  for (const line of added) keep.fill(1, Math.max(1, line - EXCERPT_CONTEXT_LINES), Math.min(lineCount, line + EXCERPT_CONTEXT_LINES) + 1);
  for (const [begin, end] of armouredBlocks(text, starts)) {
    let touched = false;
    for (let l = begin; l <= end && !touched; l++) touched = added.has(l);
    if (touched) keep.fill(1, begin, end + 1);
  }
  const lineMap: number[] = [];
  const kept: string[] = [];
  for (let l = 1; l <= lineCount; l++) {
    if (!keep[l]) continue;
    lineMap.push(l);
    kept.push(text.slice(starts[l - 1]!, l < lineCount ? starts[l]! - 1 : text.length));
  }
  if (lineMap.length > lineCount * WHOLE_FILE_SHARE) return undefined;
  return { text: kept.join("\n"), lineMap };
}

/** Offset where each line starts (native newline search: this runs over every blob of a history). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line holding `offset`. */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** [begin, end] 1-based line ranges of BEGIN…END armoured blocks (an unterminated one runs to the end). */
function armouredBlocks(text: string, starts: readonly number[]): [number, number][] {
  const blocks: [number, number][] = [];
  for (let begin = text.indexOf("-----BEGIN "); begin !== -1; ) {
    const end = text.indexOf("-----END ", begin);
    blocks.push([lineAt(starts, begin), end === -1 ? starts.length : lineAt(starts, end)]);
    if (end === -1) break;
    begin = text.indexOf("-----BEGIN ", end);
  }
  return blocks;
}
