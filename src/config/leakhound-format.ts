/**
 * The `.leakhound.toml` / `.leakhound.yaml` format: schema, validation and conversion to a
 * ConfigLayer. Unknown keys are errors here (a typo must not silently weaken the policy); only
 * imported gitleaks configs get warnings for keys leakhound does not use.
 */
import type { ValidateFunction } from "ajv";
import { lazyRequire } from "../lazy-require.js";
import { dirname, resolve } from "node:path";
import { ruleSchema, type RuleSpec } from "../rules/spec.js";
import { parseSize } from "../cli/parse.js";
import type { Severity } from "../types.js";
import { configError, issuesFromAjv, joinKeyPath, regexIssues, type ConfigIssue } from "./issues.js";
import { BUILTIN_PACK, type ConfigAllowlist, type ConfigLayer } from "./types.js";

const stringArray = { type: "array", items: { type: "string" } } as const;
const nonEmptyStrings = { type: "array", items: { type: "string", minLength: 1 } } as const;

const allowlistSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    description: { type: "string" },
    paths: nonEmptyStrings,
    regexes: nonEmptyStrings,
    regexTarget: { enum: ["secret", "match", "line"] },
    stopwords: nonEmptyStrings,
    commits: nonEmptyStrings,
    rules: nonEmptyStrings,
    condition: { enum: ["or", "and"] },
  },
} as const;

export const leakhoundConfigSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    extends: { oneOf: [{ type: "string", minLength: 1 }, nonEmptyStrings] },
    rules: { type: "array", items: ruleSchema },
    disable: nonEmptyStrings,
    severity: { type: "object", additionalProperties: { enum: ["critical", "high", "medium", "low"] } },
    allowlists: { type: "array", items: allowlistSchema },
    maxFileSize: { oneOf: [{ type: "integer", minimum: 1 }, { type: "string", minLength: 1 }] },
    baseline: { type: "string", minLength: 1 },
    include: stringArray,
    exclude: stringArray,
  },
} as const;

/** The validated document, as written by the user. */
interface LeakhoundConfigDocument {
  readonly extends?: string | readonly string[];
  readonly rules?: readonly RuleSpec[];
  readonly disable?: readonly string[];
  readonly severity?: Readonly<Record<string, Severity>>;
  /** As ConfigAllowlist, with `paths` (globs) instead of the resolved pattern fields. */
  readonly allowlists?: readonly (Omit<ConfigAllowlist, "source" | "pathGlobs" | "pathRegexes"> & { readonly paths?: readonly string[] })[];
  readonly maxFileSize?: number | string;
  readonly baseline?: string;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

// Compiled on first use: scans without a leakhound config (and the hook's startup) skip the cost.
let validator: ValidateFunction | undefined;
const ajv = lazyRequire<typeof import("ajv")>("ajv");
const validateDocument = (data: unknown): boolean => (validator ??= new (ajv().Ajv)({ allErrors: true, strict: true }).compile(leakhoundConfigSchema))(data);

/** Validates a parsed leakhound config; throws CONFIG_INVALID listing every problem. */
export function parseLeakhoundConfig(data: unknown, file: string): ConfigLayer {
  if (!validateDocument(data)) throw configError(file, issuesFromAjv(validator?.errors ?? []));
  const doc = data as LeakhoundConfigDocument;
  const issues: ConfigIssue[] = [];
  const maxFileSize = doc.maxFileSize === undefined ? undefined : sizeOf(doc.maxFileSize, issues);
  const allowlists = (doc.allowlists ?? []).map((a, i): ConfigAllowlist => {
    issues.push(...regexIssues(a.regexes, `allowlists[${i}].regexes`));
    return {
      source: file,
      ...(a.description !== undefined ? { description: a.description } : {}),
      ...(a.paths ? { pathGlobs: a.paths } : {}),
      ...(a.regexes ? { regexes: a.regexes } : {}),
      ...(a.regexTarget ? { regexTarget: a.regexTarget } : {}),
      ...(a.stopwords ? { stopwords: a.stopwords } : {}),
      ...(a.commits ? { commits: a.commits } : {}),
      ...(a.rules ? { rules: a.rules } : {}),
      ...(a.condition ? { condition: a.condition } : {}),
    };
  });
  if (issues.length > 0) throw configError(file, issues);
  const base = dirname(file);
  const extendsList = doc.extends === undefined ? [BUILTIN_PACK] : typeof doc.extends === "string" ? [doc.extends] : doc.extends;
  return {
    file,
    extends: extendsList.map((entry) => (entry === BUILTIN_PACK ? entry : resolve(base, entry))),
    rules: (doc.rules ?? []).map((spec, i) => ({ spec, source: file, keyPath: joinKeyPath("rules", i) })),
    disable: doc.disable ?? [],
    severity: doc.severity ?? {},
    allowlists,
    ...(maxFileSize !== undefined ? { maxFileSize } : {}),
    ...(doc.baseline !== undefined ? { baseline: resolve(base, doc.baseline) } : {}),
    include: doc.include ?? [],
    exclude: doc.exclude ?? [],
    warnings: [],
  };
}

function sizeOf(value: number | string, issues: ConfigIssue[]): number | undefined {
  if (typeof value === "number") return value;
  try {
    return parseSize(value);
  } catch {
    issues.push({ keyPath: "maxFileSize", message: `expected a size in bytes or with a unit (e.g. 1048576, "512KB", "10MB"), got ${JSON.stringify(value)}` });
    return undefined;
  }
}
