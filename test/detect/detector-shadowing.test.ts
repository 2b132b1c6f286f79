import { describe, expect, it } from "vitest";
import { compileRuleFiles } from "../../src/rules/load.js";
import { createDetector } from "../../src/detect/detector.js";

// Three rules that all see the same secret in `acme_token = "acme_…"`: a format rule (the prefix),
// a provider context rule (the variable name) and a generic rule (any *_token assignment).
const ruleFile = `
version: 1
rules:
  - { id: acme-token, name: Acme token, description: d, severity: high, keywords: [acme_], regex: '\\b(acme_[a-z0-9]{12})\\b',
      remediation: { summary: s, url: https://example.com }, examples: [], negative: [] }
  - { id: acme-context, name: Acme context, description: d, severity: high, confidence: medium, tags: [context],
      keywords: [acme], regex: 'acme_token\\s*=\\s*"([^"]+)"', remediation: { summary: s, url: https://example.com },
      examples: [], negative: [] }
  - { id: any-token, name: Any token, description: d, severity: medium, confidence: low, tags: [generic],
      keywords: [token], regex: '\\w*token\\s*=\\s*"([^"]+)"', remediation: { summary: s, url: https://example.com },
      examples: [], negative: [] }
`;

function rulesReporting(text: string): string[] {
  const { pack, issues } = compileRuleFiles([{ path: "test.yaml", text: ruleFile }]);
  expect(issues).toEqual([]);
  return createDetector(pack).detect({ path: "a.env", text }).map((f) => f.ruleId);
}

describe("overlapping findings of one secret", () => {
  it("keep only the format rule when it matches", () => {
    expect(rulesReporting('acme_token = "acme_0123456789ab"')).toEqual(["acme-token"]);
  });

  it("keep the provider context rule over the generic one when no format rule matches", () => {
    expect(rulesReporting('acme_token = "Zq3-legacy-Value"')).toEqual(["acme-context"]);
  });

  it("leave the generic rule alone when nothing more specific matches", () => {
    expect(rulesReporting('other_token = "Zq3-legacy-Value"')).toEqual(["any-token"]);
  });
});
