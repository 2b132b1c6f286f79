/**
 * Which lines of a new version of a file a change adds, computed on the raw bytes of both
 * versions. History scans compare every version of every file with its previous one (a gigabyte
 * of blob content in a mid-sized repository), so the comparison must cost next to nothing where
 * the versions agree:
 *
 * - runs of equal bytes are skipped with native `Buffer.compare` (memcmp) in doubling steps, so
 *   an unchanged stretch costs a few comparisons whatever its length, and nothing is decoded;
 * - where the versions differ, the walk resynchronises on the nearest pair of equal lines within
 *   a window of lines on each side (insertions, deletions and replacements of a few lines);
 * - when no pair is found for several windows in a row (a large rewrite), the rest of the
 *   changed region falls back to a line-set difference: linear, and exact about which lines are new.
 *
 * A line is reported as not added only when it matched a line of the previous version, so a
 * poor alignment can only rescan a line, never hide one. Lines end at `\n`; a `\r` before it is
 * part of the line, so CRLF and LF versions of a file are different lines.
 */
import { lineEnd, linesForward, NEWLINE } from "./byte-lines.js";

/** Lines looked at on each side of a difference to find where the versions agree again. */
const RESYNC_WINDOW = 64;
/** Windows without a common line before the line-set difference takes over (one: a larger rewrite is better served by it). */
const MAX_FAILED_WINDOWS = 1;
/** The first equal-run comparison (bytes); each next one doubles. */
const FIRST_STEP = 64;
/** Below this many bytes a mismatch is located byte by byte rather than by bisection. */
const BISECT_FLOOR = 32;

/** Byte offsets of the starts of the lines of `cur` (the new version) that `prev` does not have, ascending. */
export function addedLineStarts(prev: Buffer, cur: Buffer): number[] {
  const added: number[] = [];
  const { prevEnd, nextEnd } = unchangedTail(prev, cur);
  let i = 0;
  let j = 0;
  let failedWindows = 0;
  while (j < nextEnd) {
    const run = equalRun(prev, i, prevEnd, cur, j, nextEnd);
    if (j + run >= nextEnd) break;
    // Both walks restart at the start of the line where the versions part.
    const back = j + run - lineStartAtOrAfter(cur, j + run, j);
    i += run - back;
    j += run - back;
    if (i >= prevEnd) {
      addLineStarts(cur, j, nextEnd, added);
      break;
    }
    const sync = resynchronise(prev, i, prevEnd, cur, j, nextEnd);
    if (sync) {
      failedWindows = 0;
      addLineStarts(cur, j, sync.next, added);
      i = sync.previous;
      j = sync.next;
      continue;
    }
    if (++failedWindows >= MAX_FAILED_WINDOWS) {
      addLinesNotIn(prev, i, prevEnd, cur, j, nextEnd, added);
      break;
    }
    // No line of this window matched anything nearby: all of them are new; the previous version stays put.
    const windowEnd = linesForward(cur, j, RESYNC_WINDOW, nextEnd);
    addLineStarts(cur, j, windowEnd, added);
    j = windowEnd;
  }
  return added;
}

/** A merge result's added lines: those added against every parent (a line any parent had was scanned there). */
export function addedAgainstAll(parents: readonly Buffer[], next: Buffer): number[] {
  if (parents.length === 0) return addedLineStarts(Buffer.alloc(0), next);
  let common = addedLineStarts(parents[0]!, next);
  for (const parent of parents.slice(1)) {
    if (common.length === 0) break;
    const other = new Set(addedLineStarts(parent, next));
    common = common.filter((start) => other.has(start));
  }
  return common;
}

/**
 * Where the common tail of the two versions begins in each, moved forward to a line start so
 * the changed regions end on whole lines. Without it, a large insertion would leave the walk
 * comparing shifted lines all the way to the end of the file.
 */
function unchangedTail(prev: Buffer, next: Buffer): { prevEnd: number; nextEnd: number } {
  let tail = equalTailLength(prev, next);
  let nextEnd = next.length - tail;
  if (tail > 0 && nextEnd > 0 && next[nextEnd - 1] !== NEWLINE) {
    const newline = next.indexOf(NEWLINE, nextEnd);
    const aligned = newline === -1 ? next.length : newline + 1;
    tail -= aligned - nextEnd;
    nextEnd = aligned;
  }
  return { prevEnd: prev.length - tail, nextEnd };
}

/** Length of the common run of a[i…aEnd) and b[j…bEnd), found by doubling memcmp steps, then bisection. */
function equalRun(a: Buffer, i: number, aEnd: number, b: Buffer, j: number, bEnd: number): number {
  const max = Math.min(aEnd - i, bEnd - j);
  let equal = 0;
  for (let step = FIRST_STEP; equal < max; step *= 2) {
    const length = Math.min(step, max - equal);
    if (b.compare(a, i + equal, i + equal + length, j + equal, j + equal + length) === 0) {
      equal += length;
      continue;
    }
    let differs = equal + length;
    while (differs - equal > BISECT_FLOOR) {
      const mid = (equal + differs) >>> 1;
      if (b.compare(a, i + equal, i + mid, j + equal, j + mid) === 0) equal = mid;
      else differs = mid;
    }
    while (a[i + equal] === b[j + equal]) equal++;
    return equal;
  }
  return max;
}

/** Length of the common tail of a and b, the same way as {@link equalRun} but from the ends. */
function equalTailLength(a: Buffer, b: Buffer): number {
  const max = Math.min(a.length, b.length);
  let equal = 0;
  for (let step = FIRST_STEP; equal < max; step *= 2) {
    const length = Math.min(step, max - equal);
    if (b.compare(a, a.length - equal - length, a.length - equal, b.length - equal - length, b.length - equal) === 0) {
      equal += length;
      continue;
    }
    let differs = equal + length;
    while (differs - equal > BISECT_FLOOR) {
      const mid = (equal + differs) >>> 1;
      if (b.compare(a, a.length - mid, a.length - equal, b.length - mid, b.length - equal) === 0) equal = mid;
      else differs = mid;
    }
    while (equal < max && a[a.length - equal - 1] === b[b.length - equal - 1]) equal++;
    return equal;
  }
  return max;
}

/** Start of the line holding `offset`, but not before `floor` (itself a line start). */
function lineStartAtOrAfter(bytes: Buffer, offset: number, floor: number): number {
  if (offset <= floor) return floor;
  const newline = bytes.lastIndexOf(NEWLINE, offset - 1);
  return newline < floor ? floor : newline + 1;
}

function addLineStarts(bytes: Buffer, from: number, to: number, out: number[]): void {
  for (let at = from; at < to; at = lineEnd(bytes, at, to)) out.push(at);
}

/**
 * The lines from a position, as [start, end) spans (newline included), found only as far as
 * they are asked for: most differences resynchronise within a line or two.
 */
class LineWindow {
  private readonly spans: number[] = [];
  private reached: number;

  constructor(
    private readonly bytes: Buffer,
    start: number,
    private readonly end: number,
  ) {
    this.reached = start;
  }

  /** Whether line `k` (0-based) of the window exists, finding it if needed. */
  has(k: number): boolean {
    while (this.spans.length <= 2 * k && this.reached < this.end) {
      const stop = lineEnd(this.bytes, this.reached, this.end);
      this.spans.push(this.reached, stop);
      this.reached = stop;
    }
    return this.spans.length > 2 * k;
  }

  start(k: number): number {
    return this.spans[2 * k]!;
  }

  length(k: number): number {
    return this.spans[2 * k + 1]! - this.spans[2 * k]!;
  }
}

/**
 * The nearest pair of equal lines after a difference (smallest total distance first), as the
 * offsets where both walks continue; undefined when the windows share no line.
 */
function resynchronise(prev: Buffer, i: number, prevEnd: number, next: Buffer, j: number, nextEnd: number): { previous: number; next: number } | undefined {
  const p = new LineWindow(prev, i, prevEnd);
  const n = new LineWindow(next, j, nextEnd);
  for (let distance = 1; distance <= 2 * (RESYNC_WINDOW - 1); distance++) {
    for (let dp = Math.max(0, distance - RESYNC_WINDOW + 1); dp <= Math.min(distance, RESYNC_WINDOW - 1); dp++) {
      const dn = distance - dp;
      if (!p.has(dp) || !n.has(dn)) continue;
      const length = p.length(dp);
      if (length !== n.length(dn)) continue;
      const ps = p.start(dp);
      const ns = n.start(dn);
      if (next.compare(prev, ps, ps + length, ns, ns + length) === 0) return { previous: ps, next: ns };
    }
  }
  return undefined;
}

/** Lines of next[j…nextEnd) that occur nowhere in prev[i…prevEnd) (line content, newline aside). */
function addLinesNotIn(prev: Buffer, i: number, prevEnd: number, next: Buffer, j: number, nextEnd: number, out: number[]): void {
  const known = new Set<string>();
  // latin1 maps each byte to one character: equal strings are equal bytes, at copying speed.
  for (let at = i; at < prevEnd; ) {
    const stop = lineEnd(prev, at, prevEnd);
    known.add(prev.toString("latin1", at, contentEnd(prev, at, stop)));
    at = stop;
  }
  for (let at = j; at < nextEnd; ) {
    const stop = lineEnd(next, at, nextEnd);
    if (!known.has(next.toString("latin1", at, contentEnd(next, at, stop)))) out.push(at);
    at = stop;
  }
}

function contentEnd(bytes: Buffer, start: number, stop: number): number {
  return stop > start && bytes[stop - 1] === NEWLINE ? stop - 1 : stop;
}
