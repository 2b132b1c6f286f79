import RE2 from "re2";
import { describe, expect, it } from "vitest";
import { loadRulePack } from "../../src/rules/load.js";
import { quickPattern } from "../../src/rules/quick-pattern.js";

describe("quickPattern", () => {
  it("drops leading optional context with a repetition, keeping the flags", () => {
    expect(quickPattern(String.raw`(?i)(?:^|[^\w])[$@:]?[\w.-]{0,40}?(?:secret|token)=["']([^"']{8,})["']`)).toBe(String.raw`(?i)(?:secret|token)=["']([^"']{8,})["']`);
    expect(quickPattern(String.raw`(?im)^[ \t]*(?:export[ \t]+)?[\w.-]{0,40}?(?:pass)=(\S+)`)).toBe(String.raw`(?im)(?:pass)=(\S+)`);
    expect(quickPattern(String.raw`[\w[\]()|]*key=(\w+)`)).toBe(String.raw`key=(\w+)`);
  });

  it("leaves patterns alone when there is nothing costly to drop or no safe split", () => {
    expect(quickPattern(String.raw`\b(ghp_[A-Za-z0-9]{36})\b`)).toBeUndefined();
    expect(quickPattern(String.raw`a?(x|y)`)).toBeUndefined();
    expect(quickPattern(String.raw`[\w.-]*key|[\w.-]*token`)).toBeUndefined();
    expect(quickPattern(String.raw`[\w.-]*`)).toBeUndefined();
  });

  it("is, for every rule of the pack, a valid pattern that matches wherever the rule does", async () => {
    const pack = await loadRulePack();
    let withQuick = 0;
    for (const rule of pack.rules) {
      const quick = quickPattern(rule.pattern);
      if (quick === undefined) continue;
      withQuick++;
      const re = new RE2(quick);
      for (const example of [...rule.examples, ...rule.negative]) {
        const text = typeof example === "string" ? example : example.text;
        if (new RE2(rule.pattern).test(text)) expect(re.test(text), `${rule.id}: ${text}`).toBe(true);
      }
    }
    expect(withQuick).toBeGreaterThan(10);
  });
});
