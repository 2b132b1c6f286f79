/**
 * Config allowlists applied after detection. Unlike the rule pack's own allowlists (placeholders,
 * dropped inside the detector), a user allowlist *suppresses*: the finding stays countable and
 * listable, and SARIF marks it, so an over-broad allowlist is visible rather than silent.
 */
import RE2 from "re2";
import type { ConfigAllowlist } from "../config/types.js";
import type { Finding, Suppression } from "../types.js";
import { compilePathPatterns, type PathPattern } from "./path-pattern.js";

/** The parts of a finding's surroundings an allowlist can look at. */
export interface AllowlistSubject {
  readonly finding: Finding;
  /** The finding's line, when known (regexTarget "line"). */
  readonly line: string | undefined;
}

export interface CompiledAllowlist {
  /** The suppression when the allowlist covers the subject. */
  judge(subject: AllowlistSubject): Suppression | undefined;
}

/** Compiles a config allowlist (patterns were validated when the config was loaded). */
export function compileConfigAllowlist(spec: ConfigAllowlist): CompiledAllowlist {
  const rules = spec.rules ? new Set(spec.rules) : undefined;
  const regexes = (spec.regexes ?? []).map((p) => new RE2(p));
  const pathRegexes = (spec.pathRegexes ?? []).map((p) => new RE2(p));
  const pathGlobs: PathPattern | undefined = spec.pathGlobs?.length ? compilePathPatterns(spec.pathGlobs) : undefined;
  const stopwords = (spec.stopwords ?? []).map((w) => w.toLowerCase());
  const commits = spec.commits ?? [];
  const target = spec.regexTarget ?? "secret";
  const justification = `allowlist${spec.description ? ` "${spec.description}"` : ""} in ${spec.source}`;

  // Each criterion the allowlist sets; "or" needs one to hold, "and" needs all of them.
  const criteria: ((s: AllowlistSubject) => boolean)[] = [];
  if (pathRegexes.length || pathGlobs) {
    criteria.push(({ finding }) => pathRegexes.some((re) => re.test(finding.path)) || pathGlobs?.matches(finding.path) === true);
  }
  if (regexes.length) {
    criteria.push(({ finding, line }) => {
      const text = target === "secret" ? finding.secret : target === "match" ? finding.match : line;
      return text !== undefined && regexes.some((re) => re.test(text));
    });
  }
  if (stopwords.length) criteria.push(({ finding }) => stopwords.some((w) => finding.secret.toLowerCase().includes(w)));
  if (commits.length) {
    criteria.push(({ finding }) => {
      const sha = finding.commit?.sha;
      return sha !== undefined && commits.some((c) => sha.startsWith(c.toLowerCase()));
    });
  }
  const holds = spec.condition === "and" ? (s: AllowlistSubject) => criteria.every((c) => c(s)) : (s: AllowlistSubject) => criteria.some((c) => c(s));

  return {
    judge(subject) {
      if (criteria.length === 0 || (rules && !rules.has(subject.finding.ruleId))) return undefined;
      return holds(subject) ? { kind: "external", justification } : undefined;
    },
  };
}
