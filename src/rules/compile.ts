/**
 * Turns validated rule specs into executable rules: RE2 instances (linear time, so no rule can
 * hang a scan), lower-cased keywords, resolved secret group and search window.
 */
import RE2 from "re2";
import type { Confidence, Severity } from "../types.js";
import type { AllowlistSpec, AllowTarget, Example, Remediation, RuleIssue, RuleSpec } from "./spec.js";
import { isKnownValidator } from "../detect/validators.js";
import { countCaptureGroups } from "../detect/capture-groups.js";

export interface Allowlist {
  readonly regexes: readonly RE2[];
  readonly regexTarget: AllowTarget;
  /** Lower-cased. */
  readonly stopwords: readonly string[];
  readonly paths: readonly RE2[];
  readonly commits: ReadonlySet<string>;
}

export interface Rule {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** Lower-cased keywords; empty means the rule runs on every chunk. */
  readonly keywords: readonly string[];
  /** The rule's pattern as written; `regex` is compiled from it (flags "gd"). */
  readonly pattern: string;
  readonly regex: RE2;
  readonly secretGroup: number;
  readonly entropy?: number;
  readonly path?: RE2;
  readonly validate: readonly string[];
  /** Characters around a keyword hit searched by the regex; `undefined` = whole text. */
  readonly window?: { readonly before: number; readonly after: number };
  readonly allowlist?: Allowlist;
  readonly tags: readonly string[];
  /** Ids of same-tier rules whose overlapping findings this rule replaces. */
  readonly shadows: readonly string[];
  readonly remediation: Remediation;
  readonly examples: readonly Example[];
  readonly negative: readonly Example[];
  /** Rule file the rule came from (for error messages and `rules list`). */
  readonly source: string;
}

/** Default search window around a keyword hit: generous enough for `key = "…"` across a line or two. */
export const DEFAULT_WINDOW = { before: 256, after: 512 } as const;

/** Compiles an RE2 pattern; `withIndices` adds the `d` flag so capture-group offsets are reported. */
export function compileRegex(pattern: string, what: string, withIndices = false): RE2 | string {
  try {
    return new RE2(pattern, withIndices ? "gd" : "g");
  } catch (err) {
    return `${what}: not a valid RE2 pattern (${(err as Error).message}); RE2 has no lookaround or backreferences`;
  }
}

export function compileAllowlist(spec: AllowlistSpec, where: string, issues: string[]): Allowlist {
  const compileAll = (patterns: readonly string[] | undefined, what: string): RE2[] =>
    (patterns ?? []).flatMap((p, i) => {
      const re = compileRegex(p, `${where}.${what}[${i}]`);
      if (typeof re === "string") {
        issues.push(re);
        return [];
      }
      return [re];
    });
  return {
    regexes: compileAll(spec.regexes, "regexes"),
    regexTarget: spec.regexTarget ?? "secret",
    stopwords: (spec.stopwords ?? []).map((s) => s.toLowerCase()),
    paths: compileAll(spec.paths, "paths"),
    commits: new Set(spec.commits ?? []),
  };
}

export interface CompileRuleOptions {
  /**
   * The spec is known to compile (it did when the compiled-pack cache stored it): compile the
   * main regex on first use instead of now. A pre-commit run then compiles only the rules whose
   * keywords its few files contain, not the whole pack.
   */
  readonly deferRegex?: boolean;
}

/** A rule's main regex: global, with match indices (the detector needs the secret group's offsets). */
export function compileRulePattern(pattern: string): RE2 {
  return new RE2(pattern, "gd");
}

/** Compiles one rule; returns the rule or the list of everything wrong with it. */
export function compileRule(spec: RuleSpec, source: string, options: CompileRuleOptions = {}): { rule: Rule } | { issues: RuleIssue[] } {
  const problems: string[] = [];
  const regex = options.deferRegex ? undefined : compileRegex(spec.regex, "regex", true);
  if (typeof regex === "string") problems.push(regex);
  const path = spec.path === undefined ? undefined : compileRegex(spec.path, "path");
  if (typeof path === "string") problems.push(path);
  const allowlist = spec.allowlist ? compileAllowlist(spec.allowlist, "allowlist", problems) : undefined;
  for (const name of spec.validate ?? []) {
    if (!isKnownValidator(name)) problems.push(`validate: unknown validator "${name}"`);
  }
  let secretGroup = spec.secretGroup ?? 0;
  if (typeof regex !== "string") {
    const groups = countCaptureGroups(spec.regex);
    if (spec.secretGroup === undefined && groups > 0) secretGroup = 1;
    if (secretGroup > groups) problems.push(`secretGroup ${secretGroup} but the regex has only ${groups} group(s)`);
  }
  if (problems.length > 0 || typeof regex === "string" || typeof path === "string") {
    return { issues: problems.map((message) => ({ file: source, rule: spec.id, message })) };
  }
  let compiled = regex;
  const window =
    spec.window === "file"
      ? undefined
      : { before: spec.window?.before ?? DEFAULT_WINDOW.before, after: spec.window?.after ?? DEFAULT_WINDOW.after };
  return {
    rule: {
      id: spec.id,
      name: spec.name,
      description: spec.description,
      severity: spec.severity,
      confidence: spec.confidence ?? "high",
      keywords: (spec.keywords ?? []).map((k) => k.toLowerCase()),
      pattern: spec.regex,
      get regex(): RE2 {
        return (compiled ??= compileRulePattern(spec.regex));
      },
      secretGroup,
      ...(spec.entropy !== undefined ? { entropy: spec.entropy } : {}),
      ...(path ? { path } : {}),
      validate: spec.validate ?? [],
      ...(window ? { window } : {}),
      ...(allowlist ? { allowlist } : {}),
      tags: spec.tags ?? [],
      shadows: spec.shadows ?? [],
      remediation: spec.remediation,
      examples: spec.examples,
      negative: spec.negative,
      source,
    },
  };
}
