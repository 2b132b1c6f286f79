import { describe, expect, it } from "vitest";
import { addedAgainstAll, addedLineStarts } from "../../src/git/added-lines.js";
import { lineNumbersAt } from "../../src/git/byte-lines.js";
import { excerptOf, MAX_ARMOURED_BLOCK_BYTES } from "../../src/git/excerpt.js";
import { parseCommitRange } from "../../src/git/range.js";
import { fakePem } from "../helpers/tokens.js";

const numbered = (n: number, label = "line"): string => Array.from({ length: n }, (_, i) => `${label} ${i + 1}\n`).join("");
const bytes = (text: string): Buffer => Buffer.from(text, "utf8");

/** 1-based line numbers of `next` that the change adds. */
const added = (previous: string, next: string): number[] => [...lineNumbersAt(bytes(next), addedLineStarts(bytes(previous), bytes(next)))];

/** A deterministic PRNG (mulberry32), so a failing property case can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("addedLineStarts", () => {
  it.each([
    ["a\nb\nc\n", "a\nb\nc\n", []],
    ["a\nb\nc\n", "a\nX\nc\n", [2]],
    ["a\nb\nc\n", "a\nb\nc\nd\n", [4]],
    ["a\nb\nc", "a\nb\ncd", [3]],
    // Only a final newline added: no line has new content.
    ["a\nb\nc", "a\nb\nc\n", []],
    ["", "a\nb\n", [1, 2]],
    ["a\n", "", []],
    ["x\na\nb\n", "a\nb\n", []],
    // A swap: one of the two lines must count as moved here (which one is the aligner's choice).
    ["a\nb\n", "b\na\n", [1]],
    ["abc\n", "abd\n", [1]],
    ["abc\n", "xbc\n", [1]],
    ["a\n", "a\na\n", [1]],
    ["a\nb\n", "a\r\nb\r\n", [1, 2]],
  ])("%j → %j adds %j", (previous, next, expected) => {
    expect(added(previous, next)).toEqual(expected);
  });

  it("finds changes deep inside a large file, whatever their distance", () => {
    const big = numbered(5000);
    expect(added(big, big.replace("line 2500\n", "line 2500\nnew\n"))).toEqual([2501]);
    expect(added(big, big.replace("line 5000\n", "last\n"))).toEqual([5000]);
    expect(added(big, big.replace("line 10\n", "ten\n").replace("line 4990\n", "x\ny\n"))).toEqual([10, 4990, 4991]);
  });

  it("resynchronises after large insertions, deletions and replacements in the middle of a file", () => {
    const big = numbered(3000);
    const block = numbered(700, "inserted");
    const cut = big.indexOf("line 1001\n");
    const tail = big.indexOf("line 2001\n");
    // 700 new lines in the middle, and one more change near the end: only those are added.
    const inserted = `${big.slice(0, cut)}${block}${big.slice(cut).replace("line 2900\n", "changed\n")}`;
    expect(added(big, inserted)).toEqual([...range(1001, 1700), 2900 + 700]);
    // 1000 lines deleted: nothing is added.
    expect(added(big, big.slice(0, cut) + big.slice(tail))).toEqual([]);
    // 1000 lines replaced by 700 others.
    expect(added(big, big.slice(0, cut) + block + big.slice(tail))).toEqual(range(1001, 1700));
  });

  it("never reports a line of the previous version as added, and always reports a new one (random edits)", () => {
    const random = prng(7);
    for (let round = 0; round < 60; round++) {
      const lines = Array.from({ length: 50 + Math.floor(random() * 400) }, (_, i) => `row ${i % 97} ${Math.floor(random() * 5)}`);
      const edited = [...lines];
      const edits = 1 + Math.floor(random() * 12);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * edited.length);
        const length = Math.floor(random() * (random() < 0.2 ? 150 : 5));
        const kind = random();
        if (kind < 0.33) edited.splice(at, length);
        else if (kind < 0.66) edited.splice(at, 0, ...Array.from({ length: length + 1 }, (_, k) => `new ${round} ${e} ${k}`));
        else edited.splice(at, length, ...Array.from({ length: 1 + Math.floor(random() * 5) }, (_, k) => `swap ${round} ${e} ${k}`));
      }
      const previous = `${lines.join("\n")}\n`;
      const next = `${edited.join("\n")}\n`;
      const reported = new Set(added(previous, next));
      const known = new Set(lines);
      edited.forEach((line, index) => {
        // A line the previous version never had must be reported; a line it had may be, but only when nothing aligned it.
        if (!known.has(line)) expect(reported.has(index + 1), `round ${round}: line ${index + 1} "${line}"`).toBe(true);
      });
      // Every reported line is new or sits where the versions were realigned: far fewer than the whole file.
      const fresh = edited.filter((line) => !known.has(line)).length;
      expect(reported.size).toBeLessThanOrEqual(fresh + 4 * 64 * edits);
    }
  });

  it("counts a merge's line as added only when no parent had it", () => {
    expect([...lineNumbersAt(bytes("a\nb\nc\n"), addedAgainstAll([bytes("a\n"), bytes("b\n")], bytes("a\nb\nc\n")))]).toEqual([3]);
    expect(addedAgainstAll([], bytes("a\nb\n"))).toEqual([0, 2]);
  });
});

describe("excerptOf", () => {
  const excerpt = (text: string, addedLines: number[]) => {
    const data = bytes(text);
    const starts = [0];
    for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) starts.push(i + 1);
    return excerptOf(data, addedLines.map((line) => starts[line - 1]!));
  };
  const fileLinesOf = (e: ReturnType<typeof excerpt>) => e.text.split("\n").map((_, i) => e.lines.fileLine(i + 1));

  it("keeps added lines with context and maps lines back to the file", () => {
    const e = excerpt(numbered(100), [50]);
    expect(e.text).toBe("line 47\nline 48\nline 49\nline 50\nline 51\nline 52\nline 53");
    expect([...e.addedLines]).toEqual([4]);
    expect(fileLinesOf(e)).toEqual([47, 48, 49, 50, 51, 52, 53]);
    expect(e.lines.chunkLine(50)).toBe(4);
    expect(e.lines.chunkLine(46)).toBeUndefined();
  });

  it("joins separate runs and maps each one to its own file lines", () => {
    const e = excerpt(numbered(100), [10, 90]);
    expect(fileLinesOf(e)).toEqual([7, 8, 9, 10, 11, 12, 13, 87, 88, 89, 90, 91, 92, 93]);
    expect([...e.addedLines]).toEqual([4, 11]);
    expect(e.lines.chunkLine(50)).toBeUndefined();
    expect(e.lines.chunkLine(87)).toBe(8);
  });

  it("counts the file's lines only when first asked, then lets go of the blob", () => {
    const e = excerpt(numbered(1000), [900]);
    expect(e.lines.heldBytes).toBeGreaterThan(8000);
    expect(e.lines.fileLine(4)).toBe(900);
    expect(e.lines.heldBytes).toBe(0);
  });

  it("handles the first and the last line, with or without a final newline", () => {
    const text = numbered(100).trimEnd();
    const first = excerpt(text, [1]);
    expect([first.text, fileLinesOf(first)]).toEqual(["line 1\nline 2\nline 3\nline 4", [1, 2, 3, 4]]);
    const last = excerpt(text, [100]);
    expect([last.text, fileLinesOf(last)]).toEqual(["line 97\nline 98\nline 99\nline 100", [97, 98, 99, 100]]);
  });

  it("drops a UTF-8 byte-order mark and tolerates invalid UTF-8, like a whole-file decode", () => {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes("a\n"), Buffer.from([0xff, 0x41, 0x0a]), bytes("c\n")]);
    expect(excerptOf(data, [0]).text).toBe("a\n\ufffdA\nc");
  });

  it("keeps a PEM block whole when one of its lines is added", () => {
    const pem = fakePem("RSA PRIVATE KEY", 3000);
    const pemLines = pem.trimEnd().split("\n").length;
    const e = excerpt(`${numbered(400)}${pem}${numbered(400)}`, [401 + Math.floor(pemLines / 2)]);
    expect(e.text).toBe(pem.trimEnd());
    expect(fileLinesOf(e)).toEqual(range(401, 400 + pemLines));
  });

  it("does not keep a PEM block no added line touches, nor search a large file for one", () => {
    const pem = fakePem("RSA PRIVATE KEY", 3000);
    const far = numbered(Math.ceil(MAX_ARMOURED_BLOCK_BYTES / 8) + 100);
    const e = excerpt(`${pem}${far}`, [pem.split("\n").length + 500]);
    expect(e.text).not.toContain("BEGIN");
    expect(e.text.split("\n")).toHaveLength(7);
  });
});

describe("parseCommitRange", () => {
  it("parses BASE..HEAD and refuses other forms", () => {
    expect(parseCommitRange("origin/main..HEAD")).toEqual({ base: "origin/main", head: "HEAD" });
    expect(parseCommitRange("v1.2..")).toEqual({ base: "v1.2", head: "HEAD" });
    for (const bad of ["a...b", "..b", "main"]) expect(() => parseCommitRange(bad)).toThrow(/BASE\.\.HEAD/);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
