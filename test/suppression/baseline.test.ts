import { describe, expect, it } from "vitest";
import { formatBaseline, parseBaseline } from "../../src/suppression/baseline.js";
import { LeakhoundError } from "../../src/errors.js";
import type { Finding } from "../../src/types.js";

const HASH_A = "0123456789abcdef0123456789abcdef";
const HASH_B = "fedcba9876543210fedcba9876543210";

function finding(fingerprint: string, secret: string, line: number, suppressed = false): Finding {
  return {
    fingerprint,
    secret,
    match: `key=${secret}`,
    start: { line, column: 5 },
    ...(suppressed ? { suppression: { kind: "inSource", justification: "x" } } : {}),
  } as Finding;
}

describe("baselines", () => {
  it("are sorted, de-duplicated, free of secrets and line numbers, and skip suppressed findings", () => {
    const text = formatBaseline([
      finding(`zeta:${HASH_A}:src/b.ts`, "SECRET-ONE-1234567890", 17),
      finding(`alpha:${HASH_B}:src/a.ts`, "SECRET-TWO-1234567890", 3),
      finding(`zeta:${HASH_A}:src/b.ts`, "SECRET-ONE-1234567890", 99),
      finding(`beta:${HASH_B}:src/c.ts`, "SECRET-THREE-12345678", 1, true),
    ]);
    const body = text.split("\n").filter((l) => l && !l.startsWith("#"));
    expect(body).toEqual([`alpha:${HASH_B}:src/a.ts`, `zeta:${HASH_A}:src/b.ts`]);
    expect(text).not.toMatch(/SECRET|:17\b|:99\b/);
  });

  it("two branches' additions merge into the same file whatever the order", () => {
    const base = [finding(`m:${HASH_A}:m.ts`, "s", 1)];
    const left = formatBaseline([...base, finding(`a:${HASH_A}:a.ts`, "s", 1)]);
    const right = formatBaseline([finding(`z:${HASH_A}:z.ts`, "s", 1), ...base]);
    const merged = formatBaseline([...base, finding(`z:${HASH_A}:z.ts`, "s", 1), finding(`a:${HASH_A}:a.ts`, "s", 1)]);
    // Each side only adds lines at its own sorted position, so a 3-way merge has no overlapping hunks.
    expect(left.split("\n").indexOf(`a:${HASH_A}:a.ts`)).toBe(1);
    expect(right.split("\n").indexOf(`z:${HASH_A}:z.ts`)).toBe(2);
    expect(merged.split("\n").slice(1, 4)).toEqual([`a:${HASH_A}:a.ts`, `m:${HASH_A}:m.ts`, `z:${HASH_A}:z.ts`]);
  });

  it("round-trips and rejects anything that is not a fingerprint, naming file and line", () => {
    const text = formatBaseline([finding(`alpha:${HASH_B}:dir/with:colon.ts`, "s", 1)]);
    expect([...parseBaseline(text, "b")]).toEqual([`alpha:${HASH_B}:dir/with:colon.ts`]);
    expect(() => parseBaseline("# c\nnot a fingerprint\n", "/x/baseline")).toThrow(LeakhoundError);
    try {
      parseBaseline("# c\nnot a fingerprint\n", "/x/baseline");
    } catch (err) {
      expect((err as LeakhoundError).code).toBe("BASELINE_INVALID");
      expect((err as LeakhoundError).message).toContain("/x/baseline");
      expect((err as LeakhoundError).details[0]).toMatch(/^line 2:/);
    }
  });
});
