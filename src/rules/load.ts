/**
 * Reads rule files (YAML), validates them against the schema, compiles them, and fails once
 * with every problem found (file and rule named) rather than on the first.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { lazyRequire } from "../lazy-require.js";
import { LeakhoundError } from "../errors.js";
import { compileAllowlist, compileRule, type Allowlist, type CompileRuleOptions, type Rule } from "./compile.js";
import { parseRuleFile, type RuleFileSpec, type RuleIssue } from "./spec.js";
import type { RulePack } from "./pack.js";

const yaml = lazyRequire<typeof import("yaml")>("yaml");

/** The rule pack that ships with leakhound (`rules/` at the package root). */
export const BUILTIN_RULES_DIR = fileURLToPath(new URL("../../rules/", import.meta.url));

/** Lists the `.yaml`/`.yml` files of a directory (sorted), or returns the file itself. */
export async function ruleFilesIn(path: string): Promise<string[]> {
  const info = await stat(path).catch((cause: unknown) => {
    throw new LeakhoundError("RULES_INVALID", `cannot read rules at ${path}: ${(cause as Error).message}`, { cause });
  });
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => /\.ya?ml$/.test(n)).sort();
  return names.map((n) => join(path, n));
}

/** Parses and compiles rule files' text; pure apart from nothing (text is given). */
export function compileRuleFiles(files: readonly { path: string; text: string }[]): {
  pack: RulePack;
  issues: RuleIssue[];
} {
  const parsed = parseRuleFiles(files);
  const compiled = compileRuleSpecs(parsed.files);
  return { pack: compiled.pack, issues: [...parsed.issues, ...compiled.issues] };
}

/** Parses rule files' YAML and validates it against the schema. */
export function parseRuleFiles(files: readonly { path: string; text: string }[]): { files: ParsedRuleFile[]; issues: RuleIssue[] } {
  const parsed: ParsedRuleFile[] = [];
  const issues: RuleIssue[] = [];
  for (const { path, text } of files) {
    let data: unknown;
    try {
      data = yaml().parse(text);
    } catch (err) {
      issues.push({ file: path, message: `not valid YAML: ${(err as Error).message.split("\n")[0]}` });
      continue;
    }
    const result = parseRuleFile(data, path);
    if ("spec" in result) parsed.push({ path, spec: result.spec });
    else issues.push(...result.issues);
  }
  return { files: parsed, issues };
}

/** A rule file already parsed and validated against the schema. */
export interface ParsedRuleFile {
  readonly path: string;
  readonly spec: RuleFileSpec;
}

/**
 * Compiles validated rule files into a pack. Split from parsing so that a cache of validated
 * specs (`src/engine/pack-cache.ts`) skips YAML and schema work on every later run.
 */
export function compileRuleSpecs(files: readonly ParsedRuleFile[], options: CompileRuleOptions = {}): { pack: RulePack; issues: RuleIssue[] } {
  const rules: Rule[] = [];
  const allowlists: Allowlist[] = [];
  const issues: RuleIssue[] = [];
  const seen = new Map<string, string>();
  for (const { path, spec: file } of files) {
    for (const spec of file.rules ?? []) {
      const previous = seen.get(spec.id);
      if (previous !== undefined) {
        issues.push({ file: path, rule: spec.id, message: `duplicate rule id (also in ${previous})` });
        continue;
      }
      seen.set(spec.id, path);
      const compiled = compileRule(spec, path, options);
      if ("rule" in compiled) rules.push(compiled.rule);
      else issues.push(...compiled.issues);
    }
    (file.allowlists ?? []).forEach((spec, i) => {
      const problems: string[] = [];
      allowlists.push(compileAllowlist(spec, `allowlists[${i}]`, problems));
      issues.push(...problems.map((message) => ({ file: path, message })));
    });
  }
  return { pack: { rules, allowlists }, issues };
}

export function formatRuleIssue(issue: RuleIssue): string {
  return `${issue.file}${issue.rule ? ` (rule ${issue.rule})` : ""}: ${issue.message}`;
}

/** Reads the rule files of the given files or directories (directories: their `.yaml`/`.yml` files, sorted). */
export async function readRuleFiles(paths: readonly string[]): Promise<{ path: string; text: string }[]> {
  const files: { path: string; text: string }[] = [];
  for (const p of paths) {
    for (const file of await ruleFilesIn(p)) files.push({ path: file, text: await readFile(file, "utf8") });
  }
  return files;
}

/** Throws RULES_INVALID listing every issue, if there is any. */
export function assertNoRuleIssues(issues: readonly RuleIssue[]): void {
  if (issues.length > 0) {
    throw new LeakhoundError("RULES_INVALID", `invalid rules (${issues.length} problem${issues.length > 1 ? "s" : ""}):`, {
      details: issues.map(formatRuleIssue),
    });
  }
}

/** Loads rule files or directories; throws RULES_INVALID listing every issue if any. */
export async function loadRulePack(paths: readonly string[] = [BUILTIN_RULES_DIR]): Promise<RulePack> {
  const { pack, issues } = compileRuleFiles(await readRuleFiles(paths));
  assertNoRuleIssues(issues);
  return pack;
}
