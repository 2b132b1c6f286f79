/**
 * Counts a regex's capturing groups by reading its source, RE2 syntax. The rule compiler used to
 * compile a second RE2 (`pattern|`) just to learn this, which doubled rule-pack compile time,
 * and compile time is paid on every pre-commit run.
 */

/** Number of capturing groups in an RE2 pattern: `(…)`, `(?P<name>…)` and `(?<name>…)`. */
export function countCaptureGroups(source: string): number {
  let groups = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      if (source[i + 1] === "Q") {
        // \Q…\E quotes everything up to \E (or the end) literally.
        const end = source.indexOf("\\E", i + 2);
        i = end === -1 ? source.length : end + 1;
      } else {
        i++;
      }
      continue;
    }
    if (inClass) {
      if (c === "[" && source[i + 1] === ":") {
        const end = source.indexOf(":]", i + 2);
        if (end !== -1) i = end + 1;
      } else if (c === "]") {
        inClass = false;
      }
      continue;
    }
    if (c === "[") {
      inClass = true;
      // A "]" right after "[" or "[^" is a literal member, not the end of the class.
      if (source[i + 1] === "^") i++;
      if (source[i + 1] === "]") i++;
      continue;
    }
    if (c !== "(") continue;
    if (source[i + 1] !== "?") groups++;
    else if (source.startsWith("?P<", i + 1)) groups++;
    else if (source[i + 2] === "<" && source[i + 3] !== "=" && source[i + 3] !== "!") groups++;
  }
  return groups;
}
