import { describe, expect, it } from "vitest";
import { addedAgainstAll, addedLines } from "../../src/git/added-lines.js";
import { excerptAround } from "../../src/git/excerpt.js";
import { parseCommitRange } from "../../src/git/range.js";
import { fakePem } from "../helpers/tokens.js";

const numbered = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join("");

describe("addedLines", () => {
  it.each([
    ["a\nb\nc\n", "a\nb\nc\n", []],
    ["a\nb\nc\n", "a\nX\nc\n", [2]],
    ["a\nb\nc\n", "a\nb\nc\nd\n", [4]],
    ["a\nb\nc", "a\nb\ncd", [3]],
    ["", "a\nb\n", [1, 2]],
    ["a\n", "", []],
    ["x\na\nb\n", "a\nb\n", []],
    ["a\nb\n", "b\na\n", [2]],
    ["abc\n", "abd\n", [1]],
  ])("%j → %j adds %j", (previous, next, expected) => {
    expect([...addedLines(previous, next)]).toEqual(expected);
  });

  it("finds a change deep inside a large file", () => {
    const big = numbered(5000);
    expect([...addedLines(big, big.replace("line 2500\n", "line 2500\nnew\n"))]).toEqual([2501]);
    expect([...addedLines(big, big.replace("line 5000\n", "last\n"))]).toEqual([5000]);
  });

  it("counts a merge's line as added only when no parent had it", () => {
    expect([...addedAgainstAll(["a\n", "b\n"], "a\nb\nc\n")]).toEqual([3]);
    expect([...addedAgainstAll([], "a\nb\n")]).toEqual([1, 2]);
  });
});

describe("excerptAround", () => {
  it("keeps added lines with context and maps lines back to the file", () => {
    const text = numbered(100);
    const excerpt = excerptAround(text, new Set([50]))!;
    expect(excerpt.lineMap).toEqual([47, 48, 49, 50, 51, 52, 53]);
    expect(excerpt.text.split("\n")[3]).toBe("line 50");
  });

  it("handles the first and the last line, with or without a final newline", () => {
    const text = numbered(100).trimEnd();
    expect(excerptAround(text, new Set([1]))).toEqual({ text: "line 1\nline 2\nline 3\nline 4", lineMap: [1, 2, 3, 4] });
    expect(excerptAround(text, new Set([100]))).toEqual({ text: "line 97\nline 98\nline 99\nline 100", lineMap: [97, 98, 99, 100] });
    expect(excerptAround(`${text}\n`, new Set([100]))!.lineMap).toEqual([97, 98, 99, 100, 101]);
  });

  it("keeps a PEM block whole when one of its lines is added", () => {
    const pem = fakePem("RSA PRIVATE KEY", 3000);
    const text = `${numbered(400)}${pem}${numbered(400)}`;
    const pemLines = pem.trimEnd().split("\n").length;
    const excerpt = excerptAround(text, new Set([401 + Math.floor(pemLines / 2)]))!;
    expect(excerpt.text).toBe(pem.trimEnd());
    expect(excerpt.lineMap).toEqual(Array.from({ length: pemLines }, (_, i) => 401 + i));
  });

  it("scans the whole file when most of it is added", () => {
    expect(excerptAround(numbered(10), new Set([1, 3, 5, 7, 9]))).toBeUndefined();
  });
});

describe("parseCommitRange", () => {
  it("parses BASE..HEAD and refuses other forms", () => {
    expect(parseCommitRange("origin/main..HEAD")).toEqual({ base: "origin/main", head: "HEAD" });
    expect(parseCommitRange("v1.2..")).toEqual({ base: "v1.2", head: "HEAD" });
    for (const bad of ["a...b", "..b", "main"]) expect(() => parseCommitRange(bad)).toThrow(/BASE\.\.HEAD/);
  });
});
