/**
 * The rule files the git tests rely on (GitHub tokens, AWS keys, private keys), loaded alone so
 * these tests do not depend on every rule file of the pack.
 */
import { join } from "node:path";
import { BUILTIN_RULES_DIR, loadRulePack } from "../../src/rules/load.js";
import type { RulePack } from "../../src/rules/pack.js";

export const TEST_RULE_FILES = ["github.yaml", "aws.yaml", "private-keys.yaml", "allowlist.yaml"].map((f) => join(BUILTIN_RULES_DIR, f));

let pack: Promise<RulePack> | undefined;

export function testPack(): Promise<RulePack> {
  pack ??= loadRulePack(TEST_RULE_FILES);
  return pack;
}
