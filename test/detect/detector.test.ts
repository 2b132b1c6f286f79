import { describe, expect, it } from "vitest";
import { createDetector } from "../../src/detect/detector.js";
import { withContext } from "../../src/scan/scan.js";
import { compileRuleFiles } from "../../src/rules/load.js";
import { fakeGithubToken } from "../helpers/tokens.js";

const REMEDIATION = "remediation: { summary: Rotate it., url: 'https://example.org/rotate' }";

/** Builds a pack from rule bodies given as YAML mappings (examples are irrelevant here). */
function pack(...rules: string[]) {
  const text = `version: 1\nrules:\n${rules
    .map((r) => `  - ${r.trim().split("\n").join("\n    ")}\n    ${REMEDIATION}\n    examples: [a, b]\n    negative: [c, d]`)
    .join("\n")}`;
  const { pack: compiled, issues } = compileRuleFiles([{ path: "inline.yaml", text }]);
  expect(issues).toEqual([]);
  return compiled;
}

const tokenRule = `id: demo-token
name: Demo token
description: A demo token.
severity: high
keywords: [demo_]
regex: '\\b(demo_[a-z0-9]{12})\\b'`;

describe("createDetector", () => {
  it("reports rule, 1-based lines and columns, secret and match", () => {
    const detector = createDetector(pack(tokenRule));
    const [finding, ...rest] = detector.detect({ path: "a.txt", text: "first\n  key = demo_abc123def456\n" });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      ruleId: "demo-token",
      path: "a.txt",
      start: { line: 2, column: 9 },
      end: { line: 2, column: 26 }, // exclusive, as in SARIF
      secret: "demo_abc123def456",
      severity: "high",
      confidence: "high",
    });
  });

  it("runs a rule's regex only where one of its keywords occurs", () => {
    const rule = `id: needs-keyword
name: K
description: K.
severity: low
keywords: [magic]
regex: '(zz[0-9]{4})'`;
    const detector = createDetector(pack(rule));
    expect(detector.detect({ path: "a", text: "zz1234" })).toEqual([]);
    expect(detector.detect({ path: "a", text: "MAGIC zz1234" }).map((f) => f.secret)).toEqual(["zz1234"]);
  });

  it("runs a rule without keywords on every chunk", () => {
    const rule = `id: no-keyword
name: K
description: K.
severity: low
regex: '(zz[0-9]{4})'`;
    expect(createDetector(pack(rule)).detect({ path: "a", text: "zz1234" })).toHaveLength(1);
  });

  it("finds secrets far from the keyword only within the rule's window", () => {
    const rule = `id: windowed
name: W
description: W.
severity: low
keywords: [anchor]
window: { before: 0, after: 20 }
regex: '(zz[0-9]{4})'`;
    const detector = createDetector(pack(rule));
    const far = `anchor${"\n".repeat(3)}${" ".repeat(4000)}\nzz1234`;
    expect(detector.detect({ path: "a", text: "anchor zz1234" })).toHaveLength(1);
    expect(detector.detect({ path: "a", text: far })).toEqual([]);
  });

  it("applies the minimum entropy to the captured secret", () => {
    const rule = `${tokenRule}\nentropy: 3.0`;
    const detector = createDetector(pack(rule));
    expect(detector.detect({ path: "a", text: "demo_aaaaaaaaaaaa" })).toEqual([]);
    expect(detector.detect({ path: "a", text: "demo_q8x2m4k9p1z7" })).toHaveLength(1);
  });

  it("honours rule allowlists: stopwords, regexes and paths", () => {
    const rule = `${tokenRule}
allowlist:
  stopwords: [example]
  regexes: ['^demo_0+1$']
  paths: ['(^|/)testdata/']`;
    const detector = createDetector(pack(rule));
    expect(detector.detect({ path: "a", text: "demo_example12345" })).toEqual([]);
    expect(detector.detect({ path: "a", text: "demo_000000000001" })).toEqual([]);
    expect(detector.detect({ path: "pkg/testdata/x", text: "demo_q8x2m4k9p1z7" })).toEqual([]);
    expect(detector.detect({ path: "pkg/x", text: "demo_q8x2m4k9p1z7" })).toHaveLength(1);
  });

  it("keeps the fingerprint when the secret moves to another line", () => {
    const detector = createDetector(pack(tokenRule));
    const [a] = detector.detect({ path: "f", text: "demo_q8x2m4k9p1z7" });
    const [b] = detector.detect({ path: "f", text: "\n\n\n   x = demo_q8x2m4k9p1z7" });
    expect(a!.start.line).not.toBe(b!.start.line);
    expect(a!.fingerprint).toBe(b!.fingerprint);
    expect(a!.fingerprint).toBe(`demo-token:${a!.secretHash}:f`);
  });

  it("reports the same lines and columns for CRLF and LF text", () => {
    const detector = createDetector(pack(tokenRule));
    const lf = detector.detect({ path: "f", text: "a\nb\n  demo_q8x2m4k9p1z7\n" });
    const crlf = detector.detect({ path: "f", text: "a\r\nb\r\n  demo_q8x2m4k9p1z7\r\n" });
    expect(crlf.map((f) => [f.start, f.end])).toEqual(lf.map((f) => [f.start, f.end]));
    expect(lf[0]!.start).toEqual({ line: 3, column: 3 });
  });

  it("reports chunk lines; the scan maps an excerpt's lines to the file's", () => {
    const detector = createDetector(pack(tokenRule));
    const chunk = { path: "f", text: "x\ndemo_q8x2m4k9p1z7", fileLines: { fileLine: (line: number) => line + 39, chunkLine: (line: number) => line - 39 } };
    const [f] = detector.detect(chunk);
    expect(f!.start.line).toBe(2);
    expect(withContext(f!, chunk, undefined)!.start.line).toBe(41);
    expect(withContext(f!, chunk, { addedLines: new Set([1]) })).toBeUndefined();
  });

  it("downgrades a token that fails its checksum to low confidence and filters by minimum confidence", () => {
    const rule = `id: gh
name: GH
description: GH.
severity: high
keywords: [ghp_]
validate: [github-checksum]
regex: '\\b(ghp_[0-9A-Za-z]{36})\\b'`;
    const good = fakeGithubToken();
    const bad = `${good.slice(0, -1)}${good.endsWith("A") ? "B" : "A"}`;
    const detector = createDetector(pack(rule));
    expect(detector.detect({ path: "f", text: good })[0]!.confidence).toBe("high");
    expect(detector.detect({ path: "f", text: bad })[0]!.confidence).toBe("low");
    expect(createDetector(pack(rule), { minConfidence: "medium" }).detect({ path: "f", text: bad })).toEqual([]);
  });

  it("drops a generic finding that overlaps a provider-specific one", () => {
    const generic = `id: generic-demo
name: G
description: G.
severity: medium
tags: [generic]
keywords: [key]
regex: 'key\\s*=\\s*(\\S+)'`;
    const findings = createDetector(pack(tokenRule, generic)).detect({ path: "f", text: "key = demo_q8x2m4k9p1z7" });
    expect(findings.map((f) => f.ruleId)).toEqual(["demo-token"]);
  });

  it("lets a rule shadow a same-tier rule that reports the same secret", () => {
    const wrapper = `id: demo-wrapper
name: Wrapper
description: The token inside a demo config block.
severity: high
keywords: [wrapper]
shadows: [demo-token]
regex: 'wrapper:\\s*(demo_[a-z0-9]{12})'`;
    const text = "wrapper: demo_q8x2m4k9p1z7";
    expect(createDetector(pack(tokenRule, wrapper)).detect({ path: "f", text }).map((f) => f.ruleId)).toEqual(["demo-wrapper"]);
    const peer = wrapper.replace("shadows: [demo-token]\n", "");
    expect(createDetector(pack(tokenRule, peer)).detect({ path: "f", text }).map((f) => f.ruleId).sort()).toEqual(["demo-token", "demo-wrapper"]);
  });

  it("finishes in linear time on adversarial input (10 million '=' and a 5 MB line of keywords)", () => {
    const detector = createDetector(pack(tokenRule, `id: eq\nname: E\ndescription: E.\nseverity: low\nkeywords: ["=="]\nregex: '(=+x)'`));
    const started = performance.now();
    detector.detect({ path: "f", text: "=".repeat(10_000_000) });
    detector.detect({ path: "f", text: "demo_".repeat(1_000_000) });
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});
