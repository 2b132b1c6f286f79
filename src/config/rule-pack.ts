/**
 * Builds the rule pack a configuration describes: the base (built-in pack, `--rules` paths, or
 * nothing with `extends = []`), plus the config's extra rules (a same-id rule replaces the base
 * one), minus `disable`, with `severity` overrides applied.
 */
import { compileRule, type Rule } from "../rules/compile.js";
import { loadRulePackCached } from "../engine/pack-cache.js";
import { BUILTIN_RULES_DIR } from "../rules/load.js";
import type { RulePack } from "../rules/pack.js";
import type { ScanNotice } from "../types.js";
import { configError, type ConfigIssue } from "./issues.js";
import type { LeakhoundConfig } from "./types.js";

export interface ConfiguredPack {
  readonly pack: RulePack;
  /** CONFIG_WARNING notices: disabled or re-rated rule ids that no rule has. */
  readonly warnings: readonly ScanNotice[];
}

/** `rulePaths` (from `--rules`) replaces the built-in pack as the base, as it does without a config. */
export async function rulePackForConfig(config: LeakhoundConfig, rulePaths?: readonly string[]): Promise<ConfiguredPack> {
  const base: RulePack = rulePaths ? await loadRulePackCached(rulePaths) : config.builtin ? await loadRulePackCached([BUILTIN_RULES_DIR]) : { rules: [], allowlists: [] };
  const byId = new Map<string, Rule>(base.rules.map((r) => [r.id, r]));
  const issuesByFile = new Map<string, ConfigIssue[]>();
  for (const { spec, source, keyPath } of config.rules) {
    const compiled = compileRule(spec, source);
    if ("rule" in compiled) {
      byId.set(spec.id, compiled.rule);
      continue;
    }
    issuesByFile.set(source, [...(issuesByFile.get(source) ?? []), ...compiled.issues.map((issue) => ruleIssueAt(keyPath, issue.message))]);
  }
  const broken = [...issuesByFile][0];
  if (broken) throw configError(broken[0], broken[1]);
  const where = config.files.at(-1) ?? "config";
  const warnings: ScanNotice[] = [];
  const unknown = (key: string, id: string): void =>
    void warnings.push({ level: "warning", code: "CONFIG_WARNING", message: `${where}: ${key} names rule "${id}", which is not in the rule pack` });
  for (const id of config.disable) {
    if (!byId.delete(id)) unknown("disable", id);
  }
  for (const [id, severity] of Object.entries(config.severity)) {
    const rule = byId.get(id);
    if (rule) byId.set(id, { ...rule, severity });
    else if (!config.disable.includes(id)) unknown(`severity.${id}`, id);
  }
  return { pack: { rules: [...byId.values()], allowlists: base.allowlists }, warnings };
}

/**
 * compileRule's messages start with the offending key: "regex: not a valid …",
 * "allowlist.regexes[0]: …", "secretGroup 2 but …"; that key goes into the key path.
 */
function ruleIssueAt(ruleKeyPath: string, message: string): ConfigIssue {
  const m = /^([A-Za-z][\w.[\]]*)(: )?/.exec(message);
  if (!m) return { keyPath: ruleKeyPath, message };
  return { keyPath: `${ruleKeyPath}.${m[1]}`, message: m[2] ? message.slice(m[0].length) : message };
}
