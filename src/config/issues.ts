/**
 * Config validation problems: each names the key path (`allowlists[0].regexTarget`) and what was
 * expected; `configError` names the file and lists them all, so one run shows every mistake.
 */
import type { ErrorObject } from "ajv";
import { LeakhoundError } from "../errors.js";
import { compileRegex } from "../rules/compile.js";

export interface ConfigIssue {
  /** Dotted key path with indices, e.g. `rules[2].regex`; "(file)" for the document itself. */
  readonly keyPath: string;
  /** What was wrong or expected, e.g. `expected one of "or", "and"`. */
  readonly message: string;
}

/** `/allowlists/0/paths/1` → `allowlists[0].paths[1]`. */
export function keyPathOf(pointer: string): string {
  if (pointer === "") return "(file)";
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${quoteKey(part)}` : quoteKey(part)), "");
}

function quoteKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

export function joinKeyPath(base: string, key: string | number): string {
  return typeof key === "number" ? `${base}[${key}]` : base ? `${base}.${quoteKey(key)}` : quoteKey(key);
}

/** Turns ajv errors into issues that say what was expected, in the config's own terms. */
export function issuesFromAjv(errors: readonly ErrorObject[]): ConfigIssue[] {
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  for (const error of errors) {
    // oneOf/anyOf summaries repeat what the branch errors already say.
    if (error.keyword === "oneOf" || error.keyword === "anyOf") continue;
    let keyPath = keyPathOf(error.instancePath);
    let message: string;
    switch (error.keyword) {
      case "additionalProperties":
        keyPath = joinKeyPath(error.instancePath ? keyPathOf(error.instancePath) : "", String(error.params["additionalProperty"]));
        message = "unknown key";
        break;
      case "required":
        message = `missing required key "${String(error.params["missingProperty"])}"`;
        break;
      case "type":
        message = `expected ${String(error.params["type"])}`;
        break;
      case "enum":
        message = `expected one of ${(error.params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
        break;
      case "const":
        message = `expected ${JSON.stringify(error.params["allowedValue"])}`;
        break;
      default:
        message = `expected a value that ${error.message ?? "is valid"}`;
    }
    const key = `${keyPath}\0${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ keyPath, message });
  }
  return issues;
}

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.keyPath}: ${issue.message}`;
}

/** The error that stops a scan from starting on a broken config. */
export function configError(file: string, issues: readonly ConfigIssue[]): LeakhoundError {
  const count = `${issues.length} problem${issues.length === 1 ? "" : "s"}`;
  return new LeakhoundError("CONFIG_INVALID", `invalid configuration in ${file} (${count}); fix these keys and run again:`, {
    details: issues.map(formatIssue),
  });
}

/** An issue at `keyPath` when RE2 rejects `pattern`. */
export function regexIssue(pattern: string, keyPath: string): ConfigIssue | undefined {
  const compiled = compileRegex(pattern, keyPath);
  // compileRegex prefixes its message with the `what` it was given; keep only the explanation.
  return typeof compiled === "string" ? { keyPath, message: compiled.slice(keyPath.length + 2) } : undefined;
}

/** Every pattern of `patterns` that RE2 rejects, as issues at `keyPath[i]`. */
export function regexIssues(patterns: readonly string[] | undefined, keyPath: string): ConfigIssue[] {
  return (patterns ?? []).flatMap((pattern, i) => regexIssue(pattern, joinKeyPath(keyPath, i)) ?? []);
}
