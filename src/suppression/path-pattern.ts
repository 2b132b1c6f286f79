/**
 * gitignore-style path patterns (`test/**`, `*.pem`, `fixtures/`), the one glob syntax of
 * leakhound's config, ignore file and include/exclude lists.
 */
import ignore from "ignore";

export interface PathPattern {
  /** Whether the `/`-separated relative path matches. */
  matches(path: string): boolean;
}

/** Compiles globs; a path the `ignore` package cannot judge (absolute, `..`) matches nothing. */
export function compilePathPatterns(globs: readonly string[]): PathPattern {
  const matcher = ignore({ allowRelativePaths: true }).add([...globs]);
  return {
    matches(path) {
      try {
        return matcher.ignores(path);
      } catch {
        return false;
      }
    },
  };
}

/** Whether a pattern uses glob syntax (else it is a literal path). */
export function isGlob(pattern: string): boolean {
  return /[*?[\]]/.test(pattern);
}
