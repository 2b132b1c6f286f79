/** A small, fixed rule pack for engine tests: independent of the built-in pack, which keeps growing. */
import { compileRuleFiles } from "../../src/rules/load.js";
import type { RulePack } from "../../src/rules/pack.js";

/** The pack's YAML, for tests that load it from a file. */
export const TEST_RULES_YAML = `
version: 1
family: engine-test
rules:
  - id: test-github-pat
    name: GitHub token
    description: A GitHub personal access token.
    severity: high
    keywords: [ghp_]
    regex: '\\b(ghp_[A-Za-z0-9]{36})\\b'
    validate: [github-checksum]
    remediation: { summary: Revoke it., url: "https://example.com/revoke" }
    examples: ['t = ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789']
    negative: ['t = ghp_short']
  - id: test-aws-key-id
    name: AWS key id
    description: An AWS access key id.
    severity: high
    keywords: [akia]
    regex: '\\b(AKIA[A-Z2-7]{16})\\b'
    remediation: { summary: Deactivate it., url: "https://example.com/revoke" }
    examples: ['k = AKIAQ3EGRJ2VZNTHM7XK']
    negative: ['k = AKIA_NOT_A_KEY']
  - id: test-password
    name: Password
    description: A password assignment.
    severity: medium
    confidence: medium
    keywords: [password]
    regex: '(?i)password\\s*[:=]\\s*"([^"\\s]{8,64})"'
    entropy: 3.0
    tags: [generic]
    remediation: { summary: Change it., url: "https://example.com/revoke" }
    examples: ['password = "Xq7vR2pLm9wZ4kT"']
    negative: ['password = "aaaaaaaaaa"']
`;

export function testPack(): RulePack {
  const { pack, issues } = compileRuleFiles([{ path: "engine-test.yaml", text: TEST_RULES_YAML }]);
  if (issues.length > 0) throw new Error(JSON.stringify(issues));
  return pack;
}
