/**
 * Imports a gitleaks config (`.gitleaks.toml`, gitleaks v8 format) as a ConfigLayer, so a team's
 * existing custom rules and allowlists keep working unchanged: gitleaks regexes are Go RE2 syntax,
 * which leakhound's `re2` accepts as they are.
 *
 * Mapping:
 * - `[[rules]]` id/description/regex/secretGroup/entropy/keywords/path/tags → extra rules
 *   (severity "high"; gitleaks has no severities); a rule with neither `regex` nor `path` only adds
 *   allowlists to the inherited rule of the same id, as gitleaks does when extending;
 * - `[rules.allowlist]`, `[[rules.allowlists]]`, global `[allowlist]` and `[[allowlists]]`
 *   (with `targetRules`) → suppressing allowlists, `condition` and `regexTarget` included;
 * - `[extend] useDefault` → the built-in pack; `path` → another config file; `disabledRules` → disable.
 *
 * Keys leakhound does not use (`skipReport`, `required`, anything unknown) produce a CONFIG_WARNING
 * naming the key; wrong types are CONFIG_INVALID with the key path.
 */
import { dirname, resolve } from "node:path";
import type { AllowTarget, RuleSpec } from "../rules/spec.js";
import type { ScanNotice } from "../types.js";
import { INFORMATION_URI } from "../version.js";
import { configError, joinKeyPath, regexIssue, regexIssues, type ConfigIssue } from "./issues.js";
import { BUILTIN_PACK, type ConfigAllowlist, type ConfigLayer, type ConfigRule } from "./types.js";

const TOP_KEYS = new Set(["title", "description", "minVersion", "extend", "rules", "allowlist", "allowlists"]);
const EXTEND_KEYS = new Set(["useDefault", "path", "disabledRules"]);
const RULE_KEYS = new Set(["id", "description", "regex", "secretGroup", "entropy", "keywords", "path", "tags", "allowlist", "allowlists"]);
const ALLOWLIST_KEYS = new Set(["description", "condition", "commits", "paths", "regexTarget", "regexes", "stopwords"]);

const IMPORTED_REMEDIATION = {
  summary: "Revoke and rotate this credential where it was issued, then remove it from the code (rule imported from a gitleaks config).",
  url: `${INFORMATION_URI}/blob/main/docs/workflow.md#importing-a-gitleaks-config`,
} as const;

type Table = Readonly<Record<string, unknown>>;

/** Reads typed values out of untrusted TOML, recording wrong types as issues and unknown keys as warnings. */
class GitleaksReader {
  readonly issues: ConfigIssue[] = [];
  readonly warnings: ScanNotice[] = [];

  constructor(private readonly file: string) {}

  table(value: unknown, keyPath: string, known: ReadonlySet<string>): Table | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.issues.push({ keyPath, message: "expected a table" });
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!known.has(key)) this.warn(joinKeyPath(keyPath, key), "is not a gitleaks key leakhound knows; ignored");
    }
    return value as Table;
  }

  tables(value: unknown, keyPath: string, known: ReadonlySet<string>): Table[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.issues.push({ keyPath, message: "expected an array of tables ([[…]])" });
      return [];
    }
    return value.flatMap((item: unknown, i): Table[] => {
      const table = this.table(item, joinKeyPath(keyPath, i), known);
      return table ? [table] : [];
    });
  }

  string(table: Table, key: string, keyPath: string): string | undefined {
    const value = table[key];
    if (value === undefined || typeof value === "string") return value;
    this.issues.push({ keyPath: joinKeyPath(keyPath, key), message: "expected a string" });
    return undefined;
  }

  strings(table: Table, key: string, keyPath: string): string[] | undefined {
    const value = table[key];
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
    this.issues.push({ keyPath: joinKeyPath(keyPath, key), message: "expected an array of strings" });
    return undefined;
  }

  number(table: Table, key: string, keyPath: string, integer: boolean): number | undefined {
    const value = table[key];
    if (value === undefined) return undefined;
    if (typeof value === "number" && value >= 0 && (!integer || Number.isInteger(value))) return value;
    this.issues.push({ keyPath: joinKeyPath(keyPath, key), message: integer ? "expected a whole number ≥ 0" : "expected a number ≥ 0" });
    return undefined;
  }

  boolean(table: Table, key: string, keyPath: string): boolean | undefined {
    const value = table[key];
    if (value === undefined || typeof value === "boolean") return value;
    this.issues.push({ keyPath: joinKeyPath(keyPath, key), message: "expected true or false" });
    return undefined;
  }

  warn(keyPath: string, what: string): void {
    this.warnings.push({ level: "warning", code: "CONFIG_WARNING", message: `${this.file}: ${keyPath} ${what}` });
  }
}

/** Converts a parsed gitleaks config into a ConfigLayer; throws CONFIG_INVALID on wrong types. */
export function parseGitleaksConfig(data: unknown, file: string): ConfigLayer {
  const read = new GitleaksReader(file);
  const top = read.table(data, "", TOP_KEYS) ?? {};
  const extend = read.table(top["extend"], "extend", EXTEND_KEYS);
  const extendsList: string[] = [];
  let disable: string[] = [];
  if (extend) {
    if (read.boolean(extend, "useDefault", "extend")) extendsList.push(BUILTIN_PACK);
    const path = read.string(extend, "path", "extend");
    if (path) extendsList.push(resolve(dirname(file), path));
    disable = read.strings(extend, "disabledRules", "extend") ?? [];
  }
  const allowlists: ConfigAllowlist[] = [];
  const rulesById = new Map<string, ConfigRule>();
  read.tables(top["rules"], "rules", RULE_KEYS).forEach((table, i) => {
    const keyPath = joinKeyPath("rules", i);
    const imported = importRule(read, table, keyPath, file);
    if (!imported) return;
    for (const [j, list] of ruleAllowlists(read, table, keyPath).entries()) {
      allowlists.push(importAllowlist(read, list.table, list.keyPath, file, [imported.id], j));
    }
    if (!imported.rule) return;
    if (rulesById.has(imported.id)) read.warn(keyPath, `redefines rule "${imported.id}"; the later definition is used`);
    rulesById.set(imported.id, imported.rule);
  });
  const single = read.table(top["allowlist"], "allowlist", ALLOWLIST_KEYS);
  if (single) allowlists.push(importAllowlist(read, single, "allowlist", file, undefined, 0));
  read.tables(top["allowlists"], "allowlists", new Set([...ALLOWLIST_KEYS, "targetRules"])).forEach((table, i) => {
    const keyPath = joinKeyPath("allowlists", i);
    allowlists.push(importAllowlist(read, table, keyPath, file, read.strings(table, "targetRules", keyPath), i));
  });
  if (read.issues.length > 0) throw configError(file, read.issues);
  return {
    file,
    extends: extendsList,
    rules: [...rulesById.values()],
    disable,
    severity: {},
    allowlists,
    include: [],
    exclude: [],
    warnings: read.warnings,
  };
}

/** `[rules.allowlist]` (gitleaks < 8.21) and `[[rules.allowlists]]`, with their key paths. */
function ruleAllowlists(read: GitleaksReader, rule: Table, keyPath: string): { table: Table; keyPath: string }[] {
  const single = read.table(rule["allowlist"], joinKeyPath(keyPath, "allowlist"), ALLOWLIST_KEYS);
  const many = joinKeyPath(keyPath, "allowlists");
  return [
    ...(single ? [{ table: single, keyPath: joinKeyPath(keyPath, "allowlist") }] : []),
    ...read.tables(rule["allowlists"], many, ALLOWLIST_KEYS).map((table, i) => ({ table, keyPath: joinKeyPath(many, i) })),
  ];
}

/** A rule id leakhound accepts (lower-case, `-`/`.` separated); gitleaks allows more. */
function normalizeRuleId(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/[.-]{2,}/g, "-")
    .replace(/^[.-]+|[.-]+$/g, "");
}

function importRule(
  read: GitleaksReader,
  table: Table,
  keyPath: string,
  file: string,
): { id: string; rule?: ConfigRule } | undefined {
  const rawId = read.string(table, "id", keyPath);
  const description = read.string(table, "description", keyPath);
  const regex = read.string(table, "regex", keyPath);
  const path = read.string(table, "path", keyPath);
  const secretGroup = read.number(table, "secretGroup", keyPath, true);
  const entropy = read.number(table, "entropy", keyPath, false);
  const keywords = read.strings(table, "keywords", keyPath);
  const tags = read.strings(table, "tags", keyPath);
  const idSource = rawId ?? description;
  if (idSource === undefined) {
    read.issues.push({ keyPath: joinKeyPath(keyPath, "id"), message: "missing: every rule needs an id" });
    return undefined;
  }
  const id = normalizeRuleId(idSource);
  if (id === "") {
    read.issues.push({ keyPath: joinKeyPath(keyPath, "id"), message: `expected an id with letters or digits, got ${JSON.stringify(idSource)}` });
    return undefined;
  }
  if (id !== rawId) read.warn(joinKeyPath(keyPath, "id"), `${rawId === undefined ? "is missing" : `"${rawId}" is not a valid leakhound rule id`}; using "${id}"`);
  if (regex === undefined) {
    // gitleaks: a rule with only an id (and allowlists) amends the inherited rule of that id.
    if (path !== undefined) read.warn(keyPath, `("${id}") matches on the file path only, which leakhound does not support; skipped`);
    return { id };
  }
  for (const [key, pattern] of [["regex", regex], ["path", path]] as const) {
    const issue = pattern === undefined ? undefined : regexIssue(pattern, joinKeyPath(keyPath, key));
    if (issue) read.issues.push(issue);
  }
  // The keyword prefilter needs keywords of two characters or more; with a shorter one the rule runs on every file.
  const usableKeywords = keywords && keywords.length > 0 && keywords.every((k) => k.length >= 2) ? keywords : undefined;
  const spec: RuleSpec = {
    id,
    name: description ?? id,
    description: description ?? `Custom rule ${id} (imported from gitleaks)`,
    severity: "high",
    regex,
    ...(secretGroup !== undefined ? { secretGroup } : {}),
    ...(entropy !== undefined ? { entropy: Math.min(entropy, 8) } : {}),
    ...(usableKeywords ? { keywords: usableKeywords } : {}),
    ...(path !== undefined ? { path } : {}),
    tags: ["gitleaks", ...(tags ?? [])],
    remediation: IMPORTED_REMEDIATION,
    examples: [],
    negative: [],
  };
  return { id, rule: { spec, source: file, keyPath } };
}

function importAllowlist(
  read: GitleaksReader,
  table: Table,
  keyPath: string,
  file: string,
  rules: readonly string[] | undefined,
  index: number,
): ConfigAllowlist {
  const condition = read.string(table, "condition", keyPath)?.toLowerCase();
  if (condition !== undefined && condition !== "or" && condition !== "and") {
    read.issues.push({ keyPath: joinKeyPath(keyPath, "condition"), message: `expected "OR" or "AND"` });
  }
  const regexTarget = read.string(table, "regexTarget", keyPath);
  if (regexTarget !== undefined && !["secret", "match", "line"].includes(regexTarget)) {
    read.issues.push({ keyPath: joinKeyPath(keyPath, "regexTarget"), message: `expected one of "secret", "match", "line"` });
  }
  const regexes = read.strings(table, "regexes", keyPath);
  const paths = read.strings(table, "paths", keyPath);
  read.issues.push(...regexIssues(regexes, joinKeyPath(keyPath, "regexes")), ...regexIssues(paths, joinKeyPath(keyPath, "paths")));
  const description = read.string(table, "description", keyPath);
  const stopwords = read.strings(table, "stopwords", keyPath);
  const commits = read.strings(table, "commits", keyPath);
  return {
    source: file,
    description: description ?? `gitleaks ${keyPath.includes("rules") ? "rule " : ""}allowlist #${index + 1}`,
    ...(paths ? { pathRegexes: paths } : {}),
    ...(regexes ? { regexes } : {}),
    ...(regexTarget ? { regexTarget: regexTarget as AllowTarget } : {}),
    ...(stopwords ? { stopwords } : {}),
    ...(commits ? { commits } : {}),
    ...(rules ? { rules: rules.map(normalizeRuleId) } : {}),
    ...(condition === "and" ? { condition: "and" as const } : {}),
  };
}
