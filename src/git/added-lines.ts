/**
 * Which lines of a new version a change adds. The common head and tail of the two versions are
 * skipped with native string comparisons (most changes are small and local); what is left is
 * walked line by line in step with the previous version, resynchronising within a short
 * look-ahead after insertions and deletions (scattered edits, e.g. lock-file bumps). A line is
 * reported as not added only when it matched a line of the previous version, so a mistake can
 * only rescan a line, never hide one; the cost stays linear, unlike a minimal diff.
 */

/** 1-based numbers of the lines of `next` that are not in `previous`. */
export function addedLines(previous: string, next: string): Set<number> {
  const region = changedRegion(previous, next);
  const before = splitLines(region.previous);
  const after = splitLines(region.next);
  const added = new Set<number>();
  let i = 0;
  let j = 0;
  while (j < after.length) {
    if (i < before.length && before[i] === after[j]) {
      i++;
      j++;
      continue;
    }
    const deletedUpTo = indexWithin(before, after[j]!, i + 1);
    if (deletedUpTo !== -1) {
      i = deletedUpTo + 1;
      j++;
      continue;
    }
    const insertedUpTo = i < before.length ? indexWithin(after, before[i]!, j + 1) : -1;
    const end = insertedUpTo === -1 ? j + 1 : insertedUpTo;
    for (; j < end; j++) added.add(region.firstLine + j);
    if (insertedUpTo === -1) i++;
  }
  return added;
}

/** How far ahead a walk looks for the line that resynchronises it. */
const LOOK_AHEAD = 64;

function indexWithin(lines: readonly string[], line: string, from: number): number {
  const end = Math.min(lines.length, from + LOOK_AHEAD);
  for (let k = from; k < end; k++) if (lines[k] === line) return k;
  return -1;
}

/** Lines a merge result adds relative to every parent: added against each one. */
export function addedAgainstAll(parents: readonly string[], next: string): Set<number> {
  const [first, ...rest] = parents.map((p) => addedLines(p, next));
  if (!first) return new Set(splitLines(next).map((_, i) => i + 1));
  return new Set([...first].filter((line) => rest.every((set) => set.has(line))));
}

/** The differing middle of two texts, cut at line boundaries, and the 1-based line where it starts. */
function changedRegion(previous: string, next: string): { previous: string; next: string; firstLine: number } {
  let head = commonPrefixLength(previous, next);
  head = head === 0 ? 0 : previous.lastIndexOf("\n", head - 1) + 1;
  const limit = Math.min(previous.length, next.length) - head;
  let tail = commonSuffixLength(previous, next, limit);
  let tailStart = previous.length - tail;
  if (tail > 0 && tailStart > head && previous[tailStart - 1] !== "\n") {
    const lineEnd = previous.indexOf("\n", tailStart);
    tailStart = lineEnd === -1 ? previous.length : lineEnd + 1;
    tail = previous.length - tailStart;
  }
  return { previous: previous.slice(head, previous.length - tail), next: next.slice(head, next.length - tail), firstLine: countLines(previous, head) + 1 };
}

const BLOCK = 256;

function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= max && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffixLength(a: string, b: string, max: number): number {
  let n = 0;
  while (n + BLOCK <= max && a.slice(a.length - n - BLOCK, a.length - n) === b.slice(b.length - n - BLOCK, b.length - n)) n += BLOCK;
  while (n < max && a.charCodeAt(a.length - n - 1) === b.charCodeAt(b.length - n - 1)) n++;
  return n;
}

/** Newlines in text[0, end). */
function countLines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

/** Lines of a region that ends at a line boundary (no phantom empty line after the last newline). */
function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  return lines;
}
