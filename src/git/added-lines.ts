/**
 * Which lines of a new version a change adds. A line counts as added when the previous
 * version(s) did not already hold that exact line (as many times): moving or re-indenting
 * nothing else, a secret that was already there is never "added" again, and this is linear in
 * the file size, unlike a minimal diff. Multi-line constructs (a PEM key) need no special care:
 * the whole file is still scanned, and a finding is kept when any of its lines is added.
 */

/** 1-based numbers of the lines of `next` that are not in `previous`. */
export function addedLines(previous: string, next: string): Set<number> {
  const available = new Map<string, number>();
  for (const line of splitLines(previous)) available.set(line, (available.get(line) ?? 0) + 1);
  const added = new Set<number>();
  splitLines(next).forEach((line, index) => {
    const left = available.get(line) ?? 0;
    if (left > 0) available.set(line, left - 1);
    else added.add(index + 1);
  });
  return added;
}

/** Lines a merge result adds relative to every parent: added against each one. */
export function addedAgainstAll(parents: readonly string[], next: string): Set<number> {
  const [first, ...rest] = parents.map((p) => addedLines(p, next));
  if (!first) return new Set(splitLines(next).map((_, i) => i + 1));
  return new Set([...first].filter((line) => rest.every((set) => set.has(line))));
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}
