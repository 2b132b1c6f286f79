import { describe, expect, it } from "vitest";
import {
  formatIgnoreFile,
  ignoreEntryMatcher,
  isExpired,
  parseIgnoreFile,
  upsertIgnoreEntry,
  type IgnoreEntry,
} from "../../src/suppression/ignore-file.js";
import { LeakhoundError } from "../../src/errors.js";
import type { Finding } from "../../src/types.js";

const HASH_A = "0123456789abcdef0123456789abcdef";
const HASH_B = "fedcba9876543210fedcba9876543210";

const finding = (ruleId: string, secretHash: string, path: string) => ({ ruleId, secretHash, path }) as Finding;

describe(".leakhoundignore", () => {
  it("parses entries with quoted and bare fields, comments and blank lines", () => {
    const text = [
      "# accepted findings",
      "",
      `github-pat:${HASH_A}:test/fixtures/app.env reason="revoked test token" owner=@alice expires=2027-01-31`,
      `"generic-api-key:${HASH_B}:docs/with space.md" reason="doc \\"example\\""`,
    ].join("\n");
    expect(parseIgnoreFile(text, ".leakhoundignore")).toEqual([
      { ruleId: "github-pat", secretHash: HASH_A, path: "test/fixtures/app.env", reason: "revoked test token", owner: "@alice", expires: "2027-01-31", line: 3 },
      { ruleId: "generic-api-key", secretHash: HASH_B, path: "docs/with space.md", reason: 'doc "example"', line: 4 },
    ]);
  });

  it("formats sorted, one entry per line, and round-trips", () => {
    const entries: IgnoreEntry[] = [
      { ruleId: "zeta", secretHash: HASH_A, path: "b.txt", line: 0 },
      { ruleId: "alpha", secretHash: HASH_B, path: "dir with space/a.txt", reason: "why", owner: "team-x", expires: "2030-12-31", line: 0 },
    ];
    const text = formatIgnoreFile(entries);
    const body = text.split("\n").filter((l) => l && !l.startsWith("#"));
    expect(body).toEqual([`"alpha:${HASH_B}:dir with space/a.txt" reason=why owner=team-x expires=2030-12-31`, `zeta:${HASH_A}:b.txt`]);
    expect(parseIgnoreFile(text, "f").map(({ line: _line, ...e }) => e)).toEqual(
      [entries[1]!, entries[0]!].map(({ line: _line, ...e }) => e),
    );
  });

  it("replaces an entry with the same fingerprint instead of duplicating it", () => {
    const first: IgnoreEntry = { ruleId: "r", secretHash: HASH_A, path: "a", reason: "old", line: 0 };
    const entries = upsertIgnoreEntry(upsertIgnoreEntry([], first), { ...first, reason: "new" });
    expect(entries).toEqual([{ ...first, reason: "new" }]);
  });

  it("names the file and every bad line", () => {
    const text = ["not-a-fingerprint", `r:${HASH_A}:a expires=2027-02-30`, `r:${HASH_A}:a colour=red`, `r:${HASH_A}:a reason="unterminated`].join("\n");
    let error: unknown;
    try {
      parseIgnoreFile(text, "/repo/.leakhoundignore");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LeakhoundError);
    const e = error as LeakhoundError;
    expect(e.message).toContain("/repo/.leakhoundignore");
    expect(e.details).toHaveLength(4);
    expect(e.details[0]).toMatch(/^line 1: expected a fingerprint/);
    expect(e.details[1]).toMatch(/^line 2: expires: expected a date YYYY-MM-DD/);
    expect(e.details[2]).toMatch(/^line 3: expected reason=/);
    expect(e.details[3]).toMatch(/^line 4: unbalanced quotes/);
  });

  it("matches rule and secret hash exactly and the path literally or as a glob", () => {
    const literal = ignoreEntryMatcher({ ruleId: "r", secretHash: HASH_A, path: "src/a.ts", line: 1 });
    expect(literal(finding("r", HASH_A, "src/a.ts"))).toBe(true);
    expect(literal(finding("r", HASH_A, "src/b.ts"))).toBe(false);
    expect(literal(finding("r", HASH_B, "src/a.ts"))).toBe(false);
    expect(literal(finding("other", HASH_A, "src/a.ts"))).toBe(false);
    const glob = ignoreEntryMatcher({ ruleId: "r", secretHash: HASH_A, path: "test/**", line: 1 });
    expect(glob(finding("r", HASH_A, "test/deep/fixture.env"))).toBe(true);
    expect(glob(finding("r", HASH_A, "src/test.env"))).toBe(false);
  });

  it("expires after the given day", () => {
    const entry: IgnoreEntry = { ruleId: "r", secretHash: HASH_A, path: "a", expires: "2026-03-01", line: 1 };
    expect(isExpired(entry, "2026-03-01")).toBe(false);
    expect(isExpired(entry, "2026-03-02")).toBe(true);
    expect(isExpired({ ...entry, expires: undefined } as unknown as IgnoreEntry, "2999-01-01")).toBe(false);
  });
});
