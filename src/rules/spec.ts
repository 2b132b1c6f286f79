/**
 * The rule-file format (`rules/*.yaml`), its JSON schema, and the boundary parser that turns
 * untrusted YAML data into typed specs while collecting every problem at once.
 */
import type { Ajv, ErrorObject } from "ajv";
import { lazyRequire } from "../lazy-require.js";
import type { Confidence, Severity } from "../types.js";

/** Where an allowlist regex is applied. */
export type AllowTarget = "secret" | "match" | "line";

export interface AllowlistSpec {
  readonly description?: string;
  /** RE2 patterns; a candidate whose `target` text matches any of them is dropped. */
  readonly regexes?: readonly string[];
  readonly regexTarget?: AllowTarget;
  /** Case-insensitive substrings of the secret that mark it as a placeholder or example. */
  readonly stopwords?: readonly string[];
  /** RE2 patterns on the file path (`/`-separated, relative). */
  readonly paths?: readonly string[];
  /** Commit SHAs (history scans) whose findings are allowed. */
  readonly commits?: readonly string[];
}

export interface Remediation {
  /** What to do, in one or two sentences: revoke, rotate, and where. */
  readonly summary: string;
  /** The provider's documentation for revoking / rotating this credential. */
  readonly url: string;
}

export type Example = string | { readonly text: string; readonly secret?: string; readonly path?: string };

export interface RuleSpec {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  /** How sure a match of this rule is; validators may lower it. Default "high". */
  readonly confidence?: Confidence;
  readonly keywords?: readonly string[];
  /** RE2 syntax (no lookaround, no backreferences). */
  readonly regex: string;
  /** Capture group holding the secret; 0 = whole match. Default: 1 if the pattern has a group, else 0. */
  readonly secretGroup?: number;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  readonly entropy?: number;
  /** RE2 pattern the file path must match for the rule to apply. */
  readonly path?: string;
  /** Named structural / checksum validators (see detect/validators.ts). */
  readonly validate?: readonly string[];
  /**
   * How far around a keyword hit the regex is run, in characters; "file" runs on the whole text.
   * Multi-line secrets (private keys) need a large `after`.
   */
  readonly window?: "file" | { readonly before?: number; readonly after?: number };
  readonly allowlist?: AllowlistSpec;
  readonly tags?: readonly string[];
  /**
   * Rules of the same tier whose finding for an overlapping secret this rule replaces, e.g. a
   * service-account JSON rule over the bare PEM private-key rule (tiers: see detect/detector.ts).
   */
  readonly shadows?: readonly string[];
  readonly remediation: Remediation;
  readonly examples: readonly Example[];
  readonly negative: readonly Example[];
}

export interface RuleFileSpec {
  /** Rule-pack format version. */
  readonly version: 1;
  readonly family?: string;
  readonly rules?: readonly RuleSpec[];
  /** Pack-wide allowlists (apply to every rule). */
  readonly allowlists?: readonly AllowlistSpec[];
}

const stringArray = { type: "array", items: { type: "string" } } as const;

const allowlistSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    description: { type: "string" },
    regexes: stringArray,
    regexTarget: { enum: ["secret", "match", "line"] },
    stopwords: stringArray,
    paths: stringArray,
    commits: stringArray,
  },
} as const;

const exampleSchema = {
  oneOf: [
    { type: "string", minLength: 1 },
    {
      type: "object",
      additionalProperties: false,
      required: ["text"],
      properties: { text: { type: "string", minLength: 1 }, secret: { type: "string" }, path: { type: "string" } },
    },
  ],
} as const;

export const ruleSchema = {
  type: "object",
  additionalProperties: false,
  required: ["id", "name", "description", "severity", "regex", "remediation", "examples", "negative"],
  properties: {
    id: { type: "string", pattern: "^[a-z0-9]+(?:[.-][a-z0-9]+)*$" },
    name: { type: "string", minLength: 1 },
    description: { type: "string", minLength: 1 },
    severity: { enum: ["critical", "high", "medium", "low"] },
    confidence: { enum: ["high", "medium", "low"] },
    keywords: { type: "array", items: { type: "string", minLength: 2 } },
    regex: { type: "string", minLength: 1 },
    secretGroup: { type: "integer", minimum: 0 },
    entropy: { type: "number", minimum: 0, maximum: 8 },
    path: { type: "string" },
    validate: stringArray,
    window: {
      oneOf: [
        { const: "file" },
        {
          type: "object",
          additionalProperties: false,
          properties: { before: { type: "integer", minimum: 0 }, after: { type: "integer", minimum: 0 } },
        },
      ],
    },
    allowlist: allowlistSchema,
    tags: stringArray,
    shadows: stringArray,
    remediation: {
      type: "object",
      additionalProperties: false,
      required: ["summary", "url"],
      properties: { summary: { type: "string", minLength: 1 }, url: { type: "string", pattern: "^https://" } },
    },
    examples: { type: "array", items: exampleSchema },
    negative: { type: "array", items: exampleSchema },
  },
} as const;

export const ruleFileSchema = {
  type: "object",
  additionalProperties: false,
  required: ["version"],
  properties: {
    version: { const: 1 },
    family: { type: "string" },
    rules: { type: "array", items: ruleSchema },
    allowlists: { type: "array", items: allowlistSchema },
  },
} as const;

/** Compiled on first use: a pre-commit run served from the rule cache never validates YAML. */
const ajv = lazyRequire<typeof import("ajv")>("ajv");
let ruleFileValidator: ReturnType<Ajv["compile"]> | undefined;
const ruleFileValidation = (): ReturnType<Ajv["compile"]> =>
  (ruleFileValidator ??= new (ajv().Ajv)({ allErrors: true, strict: true }).compile(ruleFileSchema));

/** A problem found in a rule file; `rule` names the rule when the problem is inside one. */
export interface RuleIssue {
  readonly file: string;
  readonly rule?: string;
  readonly message: string;
}

/** Validates parsed YAML against the rule-file schema; returns the typed spec or every issue. */
export function parseRuleFile(
  data: unknown,
  file: string,
): { readonly spec: RuleFileSpec; readonly issues: readonly [] } | { readonly issues: readonly RuleIssue[] } {
  const validateRuleFile = ruleFileValidation();
  if (validateRuleFile(data)) return { spec: data as unknown as RuleFileSpec, issues: [] };
  return { issues: (validateRuleFile.errors ?? []).map((e) => toRuleIssue(e, data, file)) };
}

function toRuleIssue(error: ErrorObject, data: unknown, file: string): RuleIssue {
  const m = /^\/rules\/(\d+)/.exec(error.instancePath);
  const rules = (data as { rules?: { id?: unknown }[] } | null)?.rules;
  const ruleId = m && Array.isArray(rules) ? rules[Number(m[1])]?.id : undefined;
  const where = error.instancePath || "(file)";
  const detail =
    error.keyword === "additionalProperties"
      ? `unknown key "${String(error.params["additionalProperty"])}"`
      : error.keyword === "required"
        ? `missing required key "${String(error.params["missingProperty"])}"`
        : (error.message ?? "invalid");
  return {
    file,
    ...(typeof ruleId === "string" ? { rule: ruleId } : {}),
    message: `${where}: ${detail}`,
  };
}

export function exampleText(example: Example): string {
  return typeof example === "string" ? example : example.text;
}
