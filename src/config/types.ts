/**
 * The resolved configuration: every config file of an `extends` chain merged into one value the
 * scan can use. Produced by `loadConfig`; consumed by `rulePackForConfig`, the worktree source
 * options and the suppression policy, so hook, gate and full scans apply the same policy.
 */
import type { AllowTarget, RuleSpec } from "../rules/spec.js";
import type { ScanNotice, Severity } from "../types.js";

/** The `extends` entry that names leakhound's built-in rule pack. */
export const BUILTIN_PACK = "builtin";

/**
 * A user allowlist. Findings it matches are *suppressed* (counted, listed with
 * --show-suppressed, marked in SARIF), not silently dropped like the rule pack's own placeholders.
 */
export interface ConfigAllowlist {
  readonly description?: string;
  /** RE2 patterns on the reported path (gitleaks) — leakhound configs give globs, see `pathGlobs`. */
  readonly pathRegexes?: readonly string[];
  /** gitignore-style globs on the reported path. */
  readonly pathGlobs?: readonly string[];
  readonly regexes?: readonly string[];
  readonly regexTarget?: AllowTarget;
  /** Case-insensitive substrings of the secret. */
  readonly stopwords?: readonly string[];
  /** Commit SHAs, full or abbreviated (history scans). */
  readonly commits?: readonly string[];
  /** Rule ids the allowlist applies to; absent = every rule. */
  readonly rules?: readonly string[];
  /** "or" (default): any criterion suppresses; "and": every criterion given must match. */
  readonly condition?: "or" | "and";
  /** Config file the allowlist came from (named in the suppression's justification). */
  readonly source: string;
}

/** A rule defined in a config file, with the key path it was defined at (for error messages). */
export interface ConfigRule {
  readonly spec: RuleSpec;
  readonly source: string;
  readonly keyPath: string;
}

/** The policy settings a config file holds, and (merged) a whole configuration. */
export interface ConfigSettings {
  /** Extra rules; in a merged configuration a later file's rule replaces an earlier same-id rule. */
  readonly rules: readonly ConfigRule[];
  readonly disable: readonly string[];
  readonly severity: Readonly<Record<string, Severity>>;
  readonly allowlists: readonly ConfigAllowlist[];
  readonly maxFileSize?: number;
  /** Absolute path of a baseline applied to every scan (hook, gate, full) unless `--baseline` names another. */
  readonly baseline?: string;
  /** gitignore-style globs: when non-empty, only matching paths are scanned. */
  readonly include: readonly string[];
  /** gitignore-style globs of paths never scanned. */
  readonly exclude: readonly string[];
  /** CONFIG_WARNING notices (unknown gitleaks keys, unknown rule ids, …). */
  readonly warnings: readonly ScanNotice[];
}

/** What one config file contributes, before its `extends` chain is merged in. */
export interface ConfigLayer extends ConfigSettings {
  readonly file: string;
  /** Resolved `extends` entries: BUILTIN_PACK or absolute file paths, in order. */
  readonly extends: readonly string[];
}

export interface LeakhoundConfig extends ConfigSettings {
  /** Config files read, bases first; empty when no config file was found. */
  readonly files: readonly string[];
  /** Whether the built-in rule pack is part of the configuration. */
  readonly builtin: boolean;
}

/** The configuration used when no config file exists: the built-in pack, nothing else. */
export const DEFAULT_CONFIG: LeakhoundConfig = {
  files: [],
  builtin: true,
  rules: [],
  disable: [],
  severity: {},
  allowlists: [],
  include: [],
  exclude: [],
  warnings: [],
};
