import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRulePackCached, packCacheDir } from "../../src/engine/pack-cache.js";
import { tempDir } from "../helpers/temp.js";
import { TEST_RULES_YAML } from "./test-pack.js";

const ruleIds = (pack: { rules: readonly { id: string }[] }): string[] => pack.rules.map((r) => r.id);

describe("compiled rule-pack cache", () => {
  it("stores validated specs on the first load and compiles the same pack from them later", async () => {
    const dir = tempDir();
    const rules = dir.write("rules/test.yaml", TEST_RULES_YAML);
    const cache = join(dir.path, "cache");
    const first = await loadRulePackCached([rules], cache);
    expect(readdirSync(cache)).toHaveLength(1);
    const second = await loadRulePackCached([rules], cache);
    expect(ruleIds(second)).toEqual(ruleIds(first));
    expect(second.rules[0]!.regex.source).toBe(first.rules[0]!.regex.source);
  });

  it("misses when a rule file changes, and ignores a damaged entry", async () => {
    const dir = tempDir();
    const rules = dir.write("rules/test.yaml", TEST_RULES_YAML);
    const cache = join(dir.path, "cache");
    await loadRulePackCached([rules], cache);
    const [entry] = readdirSync(cache);
    writeFileSync(join(cache, entry!), '[{"path": 1, "spec": {"rules": "not a list"}}]');
    expect(ruleIds(await loadRulePackCached([rules], cache))).toContain("test-github-pat");
    writeFileSync(rules, TEST_RULES_YAML.replace("id: test-password", "id: test-password-renamed"));
    expect(ruleIds(await loadRulePackCached([rules], cache))).toContain("test-password-renamed");
  });

  it("still reports invalid rules as a usage error", async () => {
    const dir = tempDir();
    const rules = dir.write("rules/bad.yaml", TEST_RULES_YAML.replace("severity: high", "severity: extreme"));
    await expect(loadRulePackCached([rules], join(dir.path, "cache"))).rejects.toMatchObject({ code: "RULES_INVALID" });
  });

  it("lives under LEAKHOUND_CACHE_DIR or XDG_CACHE_HOME, and can be turned off", () => {
    expect(packCacheDir({ LEAKHOUND_CACHE_DIR: "/c" })).toBe("/c");
    expect(packCacheDir({ LEAKHOUND_CACHE_DIR: "off" })).toBeUndefined();
    expect(packCacheDir({ XDG_CACHE_HOME: "/x" })).toBe(join("/x", "leakhound"));
  });
});
