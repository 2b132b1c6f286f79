import { describe, expect, it } from "vitest";
import { compileRuleFiles } from "../../src/rules/load.js";
import { createDetector } from "../../src/detect/detector.js";

const ruleFile = `
version: 1
rules:
  - id: test-path-rule
    name: Path-scoped rule
    description: Only applies to settings XML files.
    severity: low
    keywords: [secret]
    path: 'settings[\\w.-]*\\.xml$'
    regex: 'secret=(\\w+)'
    remediation: { summary: Rotate it., url: https://example.com }
    examples: []
    negative: []
`;

describe("rules with a path pattern", () => {
  it("apply to every matching file, not only the first one a detector sees", () => {
    const { pack, issues } = compileRuleFiles([{ path: "test.yaml", text: ruleFile }]);
    expect(issues).toEqual([]);
    const detector = createDetector(pack);
    // The compiled pattern carries the `g` flag: a stale lastIndex used to skip the second file.
    for (const path of [".mvn/settings.xml", "ci/maven-settings.xml", "settings.xml"]) {
      expect(detector.detect({ path, text: "secret=abc123" }).map((f) => f.secret)).toEqual(["abc123"]);
    }
    expect(detector.detect({ path: "pom.xml", text: "secret=abc123" })).toEqual([]);
  });
});
