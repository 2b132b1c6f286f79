import { describe, expect, it } from "vitest";
import { buildKeywordAutomaton, findKeywords } from "../../src/detect/keywords.js";

function naive(keywords: string[], text: string): [number, number][] {
  const hits: [number, number][] = [];
  const lower = text.toLowerCase();
  for (let end = 1; end <= text.length; end++) {
    keywords.forEach((k, i) => {
      if (end >= k.length && lower.slice(end - k.length, end) === k) hits.push([i, end]);
    });
  }
  return hits;
}

describe("keyword automaton", () => {
  it("finds every occurrence, overlapping ones and case-insensitively, like a naive search", () => {
    const keywords = ["he", "she", "his", "hers", "akia", "a"];
    const text = "USHERS AKIA ahishers héllo sHe";
    const hits: [number, number][] = [];
    findKeywords(buildKeywordAutomaton(keywords), text, (k, end) => hits.push([k, end]));
    const byEnd = (a: [number, number], b: [number, number]) => a[1] - b[1] || a[0] - b[0];
    expect(hits.sort(byEnd)).toEqual(naive(keywords, text).sort(byEnd));
  });

  it("rejects non-ASCII keywords", () => {
    expect(() => buildKeywordAutomaton(["clé"])).toThrow(/not ASCII/);
  });
});
