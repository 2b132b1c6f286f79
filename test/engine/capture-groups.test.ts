import RE2 from "re2";
import { describe, expect, it } from "vitest";
import { countCaptureGroups } from "../../src/detect/capture-groups.js";
import { BUILTIN_RULES_DIR, parseRuleFiles, readRuleFiles } from "../../src/rules/load.js";

/** The reference: RE2 reports every group when the empty alternative matches. */
function groupsByProbe(pattern: string): number {
  const m = new RE2(`${pattern}|`, "").exec("");
  return m ? m.length - 1 : 0;
}

describe("countCaptureGroups", () => {
  it.each([
    "abc",
    "(a)(b)",
    "(?:a)(b)",
    "(?i)(a)",
    "(?i:a)(b)",
    "(?P<name>a)(b)",
    "(?<name>a)",
    "\\(a\\)(b)",
    "[(](a)",
    "[^(](a)",
    "[]()](a)",
    "[^]()](a)",
    "[[:alpha:](](x)",
    "\\Q(a)\\E(b)",
    "a\\\\(b)",
    "((a)|(b))",
  ])("counts %s like RE2 does", (pattern) => {
    expect(countCaptureGroups(pattern)).toBe(groupsByProbe(pattern));
  });

  it("agrees with RE2 on every built-in rule", async () => {
    const { files } = parseRuleFiles(await readRuleFiles([BUILTIN_RULES_DIR]));
    const patterns = files.flatMap((f) => (f.spec.rules ?? []).map((r) => [r.id, r.regex] as const));
    expect(patterns.length).toBeGreaterThan(50);
    for (const [id, pattern] of patterns) expect([id, countCaptureGroups(pattern)]).toEqual([id, groupsByProbe(pattern)]);
  });
});
