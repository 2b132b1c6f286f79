import { describe, expect, it } from "vitest";
import { inlineSuppression } from "../../src/suppression/inline.js";
import { findingLineText } from "../../src/suppression/finding-line.js";
import type { Finding } from "../../src/types.js";

describe("inline markers", () => {
  it.each([
    ['token = "x" # leakhound:allow', "leakhound:allow"],
    ['const t = "x"; // leakhound:allow test fixture', "leakhound:allow"],
    ['key: x  <!-- leakhound:allow -->', "leakhound:allow"],
    ['/* leakhound:allow */ t = "x"', "leakhound:allow"],
    ["x = 'y' -- LEAKHOUND:ALLOW", "LEAKHOUND:ALLOW"],
    ['aws_key = "x" # gitleaks:allow', "gitleaks:allow"],
    ['secret = "x"  # pragma: allowlist secret', "pragma: allowlist secret"],
    ['secret = "x"  // pragma: allowlist-secret', "pragma: allowlist-secret"],
  ])("%s", (line, marker) => {
    expect(inlineSuppression(line)).toEqual({ kind: "inSource", justification: `inline "${marker}" marker on the line` });
  });

  it("ignores lines without a marker and near misses", () => {
    expect(inlineSuppression('token = "x" # allow')).toBeUndefined();
    expect(inlineSuppression('token = "x" # leakhound allow')).toBeUndefined();
  });

  it("never puts the line (which holds the secret) into the justification", () => {
    const s = inlineSuppression('/* leakhound:allow */ key = "S3CR3T-VALUE"');
    expect(s?.justification).not.toContain("S3CR3T");
  });
});

describe("findingLineText", () => {
  const finding = (line: number) => ({ start: { line, column: 1 } }) as Finding;

  it("returns the finding's line from a whole file", () => {
    expect(findingLineText({ path: "a", text: "one\r\ntwo\nthree" }, finding(2))).toBe("two");
    expect(findingLineText({ path: "a", text: "one\ntwo\nthree" }, finding(3))).toBe("three");
    expect(findingLineText({ path: "a", text: "one" }, finding(4))).toBeUndefined();
  });

  it("maps file lines back through an excerpt's line mapping", () => {
    const fileLines = [10, 42];
    const chunk = { path: "a", text: "added A\nadded B", fileLines: { fileLine: (line: number) => fileLines[line - 1]!, chunkLine: (line: number) => fileLines.indexOf(line) + 1 || undefined } };
    expect(findingLineText(chunk, finding(42))).toBe("added B");
    expect(findingLineText(chunk, finding(11))).toBeUndefined();
  });
});
