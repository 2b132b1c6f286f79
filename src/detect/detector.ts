/**
 * The detection engine: pure, no I/O. Chunk in, findings out.
 *
 * Pipeline per chunk: keyword automaton → per-rule windows around keyword hits → RE2 regex in
 * those windows → secret group, entropy, allowlists, validators → located, fingerprinted findings.
 */
import RE2 from "re2";
import type { Candidate, Chunk, Confidence, Finding } from "../types.js";
import type { Allowlist, Rule } from "../rules/compile.js";
import type { RulePack } from "../rules/pack.js";
import { buildKeywordAutomaton, findKeywords, type KeywordAutomaton } from "./keywords.js";
import { shannonEntropy } from "./entropy.js";
import { LineIndex } from "./line-index.js";
import { validateSecret } from "./validators.js";
import { decodedCandidates } from "./decode.js";
import { findingFingerprint, secretHash } from "./fingerprint.js";
import { quickPattern } from "../rules/quick-pattern.js";

export interface DetectorOptions {
  /** Findings below this confidence are dropped. Default "low" (keep all). */
  readonly minConfidence?: Confidence;
}

export interface Detector {
  readonly rules: readonly Rule[];
  detect(chunk: Chunk): Finding[];
}

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** How far past the window a line boundary is looked for, so matches are not cut mid-line. */
const LINE_EXTENSION_LIMIT = 2048;

interface Window {
  start: number;
  end: number;
}

export function createDetector(pack: RulePack, options: DetectorOptions = {}): Detector {
  const { rules } = pack;
  const keywordList: string[] = [];
  const keywordIndex = new Map<string, number>();
  const rulesByKeyword: number[][] = [];
  const alwaysRun: number[] = [];
  rules.forEach((rule, ruleIndex) => {
    if (rule.keywords.length === 0) alwaysRun.push(ruleIndex);
    for (const keyword of new Set(rule.keywords)) {
      let k = keywordIndex.get(keyword);
      if (k === undefined) {
        k = keywordList.length;
        keywordIndex.set(keyword, k);
        keywordList.push(keyword);
        rulesByKeyword.push([]);
      }
      rulesByKeyword[k]!.push(ruleIndex);
    }
  });
  const automaton: KeywordAutomaton = buildKeywordAutomaton(keywordList);
  const plan = planWindows(keywordList, rulesByKeyword, rules);
  const minRank = CONFIDENCE_RANK[options.minConfidence ?? "low"];
  const precedence = precedenceOf(rules);
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const appliesTo = pathVerdicts(rules);
  const quickRegexes = new QuickRegexes(rules);

  function detect(chunk: Chunk): Finding[] {
    const candidatesIn = (text: string): Candidate[] => {
      const windows = collectWindows(text, plan, automaton);
      const found: Candidate[] = [];
      const bytes = sharedAsciiBytes(text, windows, alwaysRun.length);
      const runRule = (ruleIndex: number, ranges: readonly Window[]): void => {
        const rule = rules[ruleIndex]!;
        if (!appliesTo(ruleIndex, chunk.path)) return;
        const quick = quickRegexes.get(ruleIndex);
        for (const range of ranges) matchRule(rule, quick, text, bytes, range, pack.allowlists, found);
      };
      for (const ruleIndex of alwaysRun) runRule(ruleIndex, [{ start: 0, end: text.length }]);
      for (const [ruleIndex, ranges] of windows) runRule(ruleIndex, ranges);
      return found;
    };
    const candidates = candidatesIn(chunk.text);
    // Secrets hidden in base64 / percent / escape / hex encodings, reported at the encoded span.
    candidates.push(...decodedCandidates(chunk.text, candidatesIn, candidates));
    if (candidates.length === 0) return [];
    if (pack.allowlists.some((a) => pathAllowed(a, chunk.path))) return [];
    const kept = dropShadowedCandidates(candidates, precedence).filter((c) => CONFIDENCE_RANK[c.confidence] >= minRank);
    return locateCandidates(chunk, kept, ruleById);
  }

  return { rules, detect };
}

/**
 * Per keyword, the rules it triggers and how far each rule's window reaches, flattened into typed
 * arrays once per detector: the per-hit loop of {@link collectWindows} then reads numbers only
 * (no Map, no rule objects), which matters on text with a keyword hit every few lines.
 */
interface WindowPlan {
  /** Rules of keyword k are entries [first[k], first[k + 1]). */
  readonly first: Int32Array;
  readonly rule: Int32Array;
  /** Reach before/after the hit; -1 = the whole text (rules with `window: file`). */
  readonly before: Int32Array;
  readonly after: Int32Array;
  readonly keywordLength: Int32Array;
  readonly ruleCount: number;
}

function planWindows(keywords: readonly string[], rulesByKeyword: readonly (readonly number[])[], rules: readonly Rule[]): WindowPlan {
  const total = rulesByKeyword.reduce((n, list) => n + list.length, 0);
  const plan = {
    first: new Int32Array(keywords.length + 1),
    rule: new Int32Array(total),
    before: new Int32Array(total),
    after: new Int32Array(total),
    keywordLength: Int32Array.from(keywords, (k) => k.length),
    ruleCount: rules.length,
  };
  let at = 0;
  rulesByKeyword.forEach((list, k) => {
    plan.first[k] = at;
    for (const ruleIndex of list) {
      const reach = rules[ruleIndex]!.window;
      plan.rule[at] = ruleIndex;
      plan.before[at] = reach ? reach.before : -1;
      plan.after[at] = reach ? reach.after : -1;
      at++;
    }
  });
  plan.first[keywords.length] = at;
  return plan;
}

/** Per rule (by index, in order of first hit), the merged windows around its keyword hits, extended to whole lines. */
function collectWindows(text: string, plan: WindowPlan, automaton: KeywordAutomaton): Map<number, Window[]> {
  const windows = new Map<number, Window[]>();
  if (automaton.keywords.length === 0) return windows;
  const lists: (Window[] | undefined)[] = new Array(plan.ruleCount);
  const { first, rule, before, after, keywordLength } = plan;
  findKeywords(automaton, text, (keyword, end) => {
    const start = end - keywordLength[keyword]!;
    for (let i = first[keyword]!, last = first[keyword + 1]!; i < last; i++) {
      const ruleIndex = rule[i]!;
      const whole = before[i]! < 0;
      const from = whole ? 0 : Math.max(0, start - before[i]!);
      const to = whole ? text.length : Math.min(text.length, end + after[i]!);
      let list = lists[ruleIndex];
      if (list === undefined) windows.set(ruleIndex, (list = lists[ruleIndex] = []));
      const previous = list[list.length - 1];
      // Hits arrive in increasing order, so merging with the last window keeps the list sorted.
      if (previous !== undefined && from <= previous.end) previous.end = Math.max(previous.end, to);
      else list.push({ start: from, end: to });
    }
  });
  if (windows.size > 0) extendToLines(text, windows);
  return windows;
}

/**
 * Extends every window to whole lines (at most LINE_EXTENSION_LIMIT further each way), then
 * merges the windows that now overlap: hits on the same line would otherwise have the rule's
 * regex run over that line once per hit. The newline offsets are found once per chunk with
 * native `indexOf` and each window boundary by binary search: scanning character by character
 * from every window cost 4 KB per window on minified files, where windows are many and lines long.
 */
function extendToLines(text: string, windows: Map<number, Window[]>): void {
  const breaks: number[] = [];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) breaks.push(i);
  for (const [ruleIndex, list] of windows) {
    const merged: Window[] = [];
    for (const w of list) {
      // Last newline before the window's start, first newline at or after its end.
      const before = breaks[firstAtOrAfter(breaks, w.start) - 1];
      const after = breaks[firstAtOrAfter(breaks, w.end)];
      w.start = Math.max(w.start - LINE_EXTENSION_LIMIT, 0, before === undefined ? 0 : before + 1);
      w.end = Math.min(w.end + LINE_EXTENSION_LIMIT, text.length, after ?? text.length);
      const last = merged[merged.length - 1];
      if (last !== undefined && w.start <= last.end) last.end = Math.max(last.end, w.end);
      else merged.push(w);
    }
    windows.set(ruleIndex, merged);
  }
}

/** Index of the first element ≥ value in an ascending array (its length when there is none). */
function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/*
 * Line bounds around one offset (allowlists that look at the whole line). Both searches stop at
 * LINE_EXTENSION_LIMIT characters: an unbounded `lastIndexOf`/`indexOf` per candidate would scan
 * to the far end of a long minified line every time.
 */
function lineStartBefore(text: string, offset: number): number {
  const limit = Math.max(0, offset - LINE_EXTENSION_LIMIT);
  let i = offset;
  while (i > limit && text.charCodeAt(i - 1) !== 10) i--;
  return i;
}

function lineEndAfter(text: string, offset: number): number {
  const limit = Math.min(text.length, offset + LINE_EXTENSION_LIMIT);
  let i = Math.min(offset, text.length);
  while (i < limit && text.charCodeAt(i) !== 10) i++;
  return i;
}

/**
 * The text as one ASCII buffer when the regex stage would otherwise convert more characters than
 * the text holds. RE2 matches UTF-8: every exec on a new JS string slice converts it, so rules
 * sharing windows (many rules per keyword) convert the same bytes again and again; one shared
 * buffer converts them once. Only for ASCII text, where byte offsets are UTF-16 offsets.
 */
function sharedAsciiBytes(text: string, windows: ReadonlyMap<number, readonly Window[]>, wholeTextRules: number): Buffer | undefined {
  let converted = wholeTextRules * text.length;
  for (const list of windows.values()) for (const w of list) converted += w.end - w.start;
  if (converted <= text.length) return undefined;
  const bytes = Buffer.from(text, "utf8");
  return bytes.length === text.length ? bytes : undefined;
}

/** An RE2 match over a string or an ASCII buffer; offsets are the same in both. */
interface RuleMatch {
  readonly index: number;
  readonly indices?: readonly (readonly [number, number] | undefined)[];
  readonly [group: number]: string | Buffer | undefined;
}

/**
 * Each rule's first check (see rules/quick-pattern.ts), compiled on first use in this thread;
 * undefined for rules whose pattern has no leading context to drop.
 */
class QuickRegexes {
  private readonly compiled = new Map<number, RE2 | undefined>();

  constructor(private readonly rules: readonly Rule[]) {}

  get(ruleIndex: number): RE2 | undefined {
    if (this.compiled.has(ruleIndex)) return this.compiled.get(ruleIndex);
    const pattern = quickPattern(this.rules[ruleIndex]!.pattern);
    let quick: RE2 | undefined;
    try {
      quick = pattern === undefined ? undefined : new RE2(pattern);
    } catch {
      // Not expected (a suffix of a valid pattern); the full pattern alone is still correct.
      quick = undefined;
    }
    this.compiled.set(ruleIndex, quick);
    return quick;
  }
}

function matchRule(
  rule: Rule,
  quick: RE2 | undefined,
  text: string,
  bytes: Buffer | undefined,
  range: Window,
  globalAllowlists: readonly Allowlist[],
  out: Candidate[],
): void {
  const re = rule.regex;
  const input: string | Buffer = bytes
    ? bytes.subarray(range.start, range.end)
    : range.start === 0 && range.end === text.length
      ? text
      : text.slice(range.start, range.end);
  if (quick && !quick.test(input as string)) return;
  const exec = (): RuleMatch | null => (typeof input === "string" ? re.exec(input) : re.exec(input)) as unknown as RuleMatch | null;
  re.lastIndex = 0;
  for (let m = exec(); m !== null; m = exec()) {
    const matchText = String(m[0]);
    if (matchText.length === 0) {
      re.lastIndex++;
      continue;
    }
    const secretGroup = m[rule.secretGroup];
    const secretText = secretGroup === undefined ? undefined : String(secretGroup);
    const secretIndex = m.indices?.[rule.secretGroup];
    if (!secretText || !secretIndex) continue;
    const matchStart = range.start + m.index;
    const candidate = judgeCandidate(rule, {
      ruleId: rule.id,
      match: { start: matchStart, end: matchStart + matchText.length },
      secret: { start: range.start + secretIndex[0], end: range.start + secretIndex[1] },
      secretText,
      matchText,
      entropy: shannonEntropy(secretText),
      confidence: rule.confidence,
    }, text, globalAllowlists);
    if (candidate) out.push(candidate);
  }
}

/** Applies entropy, allowlists and validators; returns the (possibly downgraded) candidate or nothing. */
function judgeCandidate(
  rule: Rule,
  candidate: Candidate,
  text: string,
  globalAllowlists: readonly Allowlist[],
): Candidate | undefined {
  if (rule.entropy !== undefined && candidate.entropy < rule.entropy) return undefined;
  const allowlists = rule.allowlist ? [rule.allowlist, ...globalAllowlists] : globalAllowlists;
  for (const allowlist of allowlists) if (contentAllowed(allowlist, candidate, text)) return undefined;
  if (rule.validate.length > 0 && validateSecret(rule.validate, candidate.secretText) === "invalid") {
    return { ...candidate, confidence: "low" };
  }
  return candidate;
}

function contentAllowed(allowlist: Allowlist, candidate: Candidate, text: string): boolean {
  const secret = candidate.secretText.toLowerCase();
  if (allowlist.stopwords.some((word) => secret.includes(word))) return true;
  if (allowlist.regexes.length === 0) return false;
  const target =
    allowlist.regexTarget === "secret"
      ? candidate.secretText
      : allowlist.regexTarget === "match"
        ? candidate.matchText
        : lineAround(text, candidate.match.start);
  return allowlist.regexes.some((re) => {
    re.lastIndex = 0;
    return re.test(target);
  });
}

/**
 * How many paths' rule verdicts are remembered (a byte per path filter each): a history
 * scan meets the same paths again and again, in no particular order.
 */
const PATH_VERDICT_CACHE = 8192;
const APPLIES = 1;
const SKIPPED = 2;

/**
 * Whether a rule applies to a path (its `path` pattern matches and its allowlist does not exclude
 * the path), decided once per (path, path filter) for recently seen paths: history scans read
 * thousands of versions of the same files, and running the path regexes for every version cost
 * as much as a tenth of the detection time. Rules with the same filter (a rule family sharing one
 * allowlist) share the verdict.
 */
function pathVerdicts(rules: readonly Rule[]): (ruleIndex: number, path: string) => boolean {
  const filterIds = new Map<string, number>();
  const filterOf = rules.map((rule) => {
    if (!rule.path && !rule.allowlist?.paths.length) return -1;
    const signature = JSON.stringify([rule.path?.source ?? null, rule.allowlist?.paths.map((re) => re.source) ?? []]);
    let id = filterIds.get(signature);
    if (id === undefined) filterIds.set(signature, (id = filterIds.size));
    return id;
  });
  const byPath = new Map<string, Uint8Array>();
  return (ruleIndex, path) => {
    const filter = filterOf[ruleIndex]!;
    if (filter === -1) return true;
    let verdicts = byPath.get(path);
    if (!verdicts) {
      verdicts = new Uint8Array(filterIds.size);
      byPath.set(path, verdicts);
      if (byPath.size > PATH_VERDICT_CACHE) byPath.delete(byPath.keys().next().value!);
    }
    if (verdicts[filter] === 0) {
      const rule = rules[ruleIndex]!;
      const applies = (!rule.path || pathMatches(rule.path, path)) && !(rule.allowlist && pathAllowed(rule.allowlist, path));
      verdicts[filter] = applies ? APPLIES : SKIPPED;
    }
    return verdicts[filter] === APPLIES;
  };
}

function pathAllowed(allowlist: Allowlist, path: string): boolean {
  return allowlist.paths.some((re) => pathMatches(re, path));
}

/** Compiled patterns carry the `g` flag, so `test` resumes at `lastIndex`: reset it for each path. */
function pathMatches(re: RE2, path: string): boolean {
  re.lastIndex = 0;
  return re.test(path);
}

function lineAround(text: string, offset: number): string {
  return text.slice(lineStartBefore(text, offset), lineEndAfter(text, offset));
}

/** How specific a rule is: generic rules (tag `generic`) < provider context rules (tag `context`) < format rules. */
const GENERIC = 0;
const CONTEXT = 1;
const SPECIFIC = 2;

function specificity(rule: Rule): number {
  if (rule.tags.includes("generic")) return GENERIC;
  return rule.tags.includes("context") ? CONTEXT : SPECIFIC;
}

/** Per rule id: its specificity, and which rules' overlapping findings it replaces. Built once per detector. */
interface Precedence {
  readonly rank: ReadonlyMap<string, number>;
  readonly shadows: ReadonlyMap<string, ReadonlySet<string>>;
}

function precedenceOf(rules: readonly Rule[]): Precedence {
  return {
    rank: new Map(rules.map((r) => [r.id, specificity(r)])),
    shadows: new Map(rules.filter((r) => r.shadows.length > 0).map((r) => [r.id, new Set(r.shadows)])),
  };
}

/**
 * When rules report overlapping secrets, keep only the most specific: a format rule (distinctive
 * prefix, key pair, checksum) shadows a provider context rule (a value under a provider-named
 * variable), which shadows a generic rule; within a tier, a rule's `shadows` list names the rules
 * it replaces. The specific finding names the provider and the way to revoke, and one secret
 * yields one finding. Also drops exact duplicates.
 */
function dropShadowedCandidates(candidates: readonly Candidate[], precedence: Precedence): Candidate[] {
  const rankOf = (c: Candidate): number => precedence.rank.get(c.ruleId) ?? SPECIFIC;
  const outranks = (s: Candidate, c: Candidate): boolean =>
    rankOf(s) > rankOf(c) || precedence.shadows.get(s.ruleId)?.has(c.ruleId) === true;
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = `${c.ruleId}\0${c.secret.start}\0${c.secret.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return !candidates.some((s) => s !== c && s.secret.start < c.secret.end && c.secret.start < s.secret.end && outranks(s, c));
  });
}

function locateCandidates(chunk: Chunk, candidates: readonly Candidate[], ruleById: ReadonlyMap<string, Rule>): Finding[] {
  const index = new LineIndex(chunk.text);
  return candidates.map((c) => {
    const rule = ruleById.get(c.ruleId)!;
    const start = index.position(c.secret.start);
    const end = index.position(c.secret.end);
    const hash = secretHash(rule.id, c.secretText);
    return {
      ruleId: rule.id,
      description: rule.description,
      severity: rule.severity,
      confidence: c.confidence,
      path: chunk.path,
      start,
      end,
      secret: c.secretText,
      match: c.matchText,
      entropy: Math.round(c.entropy * 1000) / 1000,
      secretHash: hash,
      fingerprint: findingFingerprint(rule.id, hash, chunk.path),
      ...(chunk.blobId !== undefined ? { blobId: chunk.blobId } : {}),
      ...(c.decodedFrom !== undefined ? { decodedFrom: c.decodedFrom } : {}),
    };
  });
}
