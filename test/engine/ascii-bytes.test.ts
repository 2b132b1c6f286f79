import { describe, expect, it } from "vitest";
import { createDetector } from "../../src/detect/detector.js";
import { fakeGithubToken } from "../helpers/tokens.js";
import { testPack } from "./test-pack.js";

describe("regex stage on a shared ASCII buffer", () => {
  const detector = createDetector(testPack());
  const token = fakeGithubToken();
  // Two rules' windows cover the whole text, so the detector converts it to bytes once.
  const ascii = `password = "Xq7vR2pLm9wZ4kT"\nconst t = "${token}"\n`;

  it("reports the same secrets at the same places as on strings (non-ASCII text stays on strings)", () => {
    const onBytes = detector.detect({ path: "a.ts", text: ascii });
    const onString = detector.detect({ path: "a.ts", text: `// é\n${ascii}` });
    const where = (f: { ruleId: string; secret: string; start: { line: number; column: number }; end: { line: number; column: number } }) => [f.ruleId, f.secret, f.start.column, f.end.column];
    expect(onBytes.map(where).sort()).toEqual(onString.map(where).sort());
    expect(onBytes.map((f) => f.secret).sort()).toEqual(["Xq7vR2pLm9wZ4kT", token].sort());
    expect(onBytes.find((f) => f.secret === token)?.start).toEqual({ line: 2, column: 12 });
    expect(typeof onBytes[0]!.match).toBe("string");
  });
});
