import { describe, expect, it } from "vitest";
import { loadRulePack } from "../../src/rules/load.js";
import { runRuleExamples, MIN_EXAMPLES } from "../../src/rules/check.js";

// Generated from rules/: every rule's positive examples must be found and its negatives must not,
// through the full detector. Adding a rule to a data file adds its tests here.
const pack = await loadRulePack();

describe.each(pack.rules.map((rule) => [rule.id, rule] as const))("rule %s", (_id, rule) => {
  it(`has ≥ ${MIN_EXAMPLES} positive and ≥ ${MIN_EXAMPLES} negative examples and a remediation`, () => {
    expect(rule.examples.length).toBeGreaterThanOrEqual(MIN_EXAMPLES);
    expect(rule.negative.length).toBeGreaterThanOrEqual(MIN_EXAMPLES);
    expect(rule.remediation.url).toMatch(/^https:\/\//);
  });
  it.each(runRuleExamples(rule, pack).map((o) => [o.kind, o.text.slice(0, 60), o] as const))(
    "%s example %j",
    (_kind, _text, outcome) => {
      expect(outcome.problem).toBeUndefined();
    },
  );
});

describe("rule precedence", () => {
  it("names only existing rules in `shadows`", () => {
    const ids = new Set(pack.rules.map((r) => r.id));
    expect(pack.rules.flatMap((r) => r.shadows.filter((id) => !ids.has(id)).map((id) => `${r.id} → ${id}`))).toEqual([]);
  });
});
