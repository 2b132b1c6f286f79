/**
 * A cheaper pattern to try first. Many rules start with leading context such as
 * `(?:^|[^\w])[$@:]?[\w.-]{0,40}?` before their keyword; RE2 searches such a pattern up to ten
 * times slower than the same pattern without it (the counted, lazy prefix multiplies the states
 * of its DFA), and the rule's windows are searched in full for every keyword hit.
 *
 * Dropping leading elements of a pattern can only make it match more: if `A·B` matches at p,
 * `B` matches at p + |A|. So the pattern without its optional prefix is a sound first check:
 * where it finds nothing, the rule cannot match; only where it does is the full pattern run.
 */

/**
 * The rule's pattern without its leading optional context (anchors, optional or starred atoms,
 * `(?:^|…)` alternations), keeping leading flags; undefined unless that context holds a
 * repetition (`*`, `{m,n}`: what makes the search slow), or when the pattern cannot be split
 * safely (a top-level alternation).
 */
export function quickPattern(pattern: string): string | undefined {
  const flags = /^\(\?[a-zA-Z]+\)/.exec(pattern)?.[0] ?? "";
  let at = flags.length;
  const atoms = topLevelAtoms(pattern, at);
  if (!atoms) return undefined;
  let dropped = 0;
  let droppedCostly = false;
  for (const atom of atoms) {
    if (!isOptionalContext(pattern.slice(atom.start, atom.end), atom.quantifier)) break;
    at = atom.end;
    dropped++;
    droppedCostly ||= /^(?:\*|\{\d+,\d*\})/.test(atom.quantifier) || pattern.startsWith("(?:", atom.start);
  }
  // Anchors and single optional atoms cost RE2 next to nothing: a first pass would only add work
  // (measured: quick checks for all 256 rules with any droppable prefix were slower on history text).
  if (!droppedCostly || dropped === atoms.length) return undefined;
  return flags + pattern.slice(at);
}

interface Atom {
  readonly start: number;
  /** End of the atom including its quantifier. */
  readonly end: number;
  readonly quantifier: string;
}

/** Splits the pattern (from `from`) into top-level atoms; undefined when it has a top-level `|` or is malformed. */
function topLevelAtoms(pattern: string, from: number): Atom[] | undefined {
  const atoms: Atom[] = [];
  let i = from;
  while (i < pattern.length) {
    const start = i;
    const c = pattern[i]!;
    if (c === "|") return undefined;
    if (c === "\\") i += 2;
    else if (c === "[") i = classEnd(pattern, i);
    else if (c === "(") i = groupEnd(pattern, i);
    else i++;
    if (i < 0 || i > pattern.length) return undefined;
    const quantifier = /^(?:[?*+]|\{\d+(?:,\d*)?\})\??/.exec(pattern.slice(i))?.[0] ?? "";
    i += quantifier.length;
    atoms.push({ start, end: i, quantifier });
  }
  return atoms;
}

/** Index just past the character class starting at `start` (`]` first in a class is literal). */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === "^") i++;
  if (pattern[i] === "]") i++;
  while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "\\" ? 2 : pattern.startsWith("[:", i) ? pattern.indexOf(":]", i) + 2 : 1;
  return i < pattern.length ? i + 1 : -1;
}

/** Index just past the group starting at `start`. */
function groupEnd(pattern: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") i += 2;
    else if (c === "[") {
      i = classEnd(pattern, i);
      if (i < 0) return -1;
    } else {
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) return i + 1;
      i++;
    }
  }
  return -1;
}

/** Leading context that may be dropped: anchors, atoms that may match nothing, `(?:^|…)` groups. */
function isOptionalContext(atom: string, quantifier: string): boolean {
  if (/^(?:[?*]|\{0(?:,\d*)?\})\??$/.test(quantifier)) return true;
  if (quantifier !== "") return false;
  if (atom === "^" || atom === "\\b" || atom === "\\B" || atom === "\\A") return true;
  // A non-capturing group one of whose alternatives is an anchor: `(?:^|[^\w])`, `(?:^|\s)`, …
  return /^\(\?:(?:\^|\\b|\\A)\|/.test(atom) || /\|(?:\^|\\b|\\A)\)$/.test(atom);
}
