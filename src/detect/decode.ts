/**
 * Decoding stage: finds text that looks encoded (base64, percent-encoding, JSON/JS string escapes,
 * hex), decodes it, and lets the detector scan the decoded form while reporting at the encoded
 * span's location. Pure, no I/O.
 *
 * Bounds, so decoding can never multiply a scan's memory or time:
 * - only segments that look encoded are decoded, each between a minimum and a maximum length;
 * - a decoded result is kept only if it is printable text (random bytes, images, hashes are not);
 * - every chunk has a budget: the characters materialised for decoded views never exceed the
 *   chunk's own length plus a fixed 16 KiB, whatever it contains;
 * - depth is bounded (2 by default): content decoded from decoded content is scanned, one level
 *   further is not;
 * - each segment finder is one linear pass over the text.
 */
import type { Candidate, Span } from "../types.js";

export type Encoding = "base64" | "percent" | "escape" | "hex";

/** A piece of text to scan in place of an encoded segment. */
export interface DecodedView {
  /** The encoded segment in the scanned text; findings in the decoded part are reported here. */
  readonly span: Span;
  /** The segment's line (bounded) with the segment replaced by its decoded form: keeps the key name as context. */
  readonly text: string;
  /** Where the decoded content sits inside `text`. */
  readonly decoded: Span;
  /** Encodings applied, outermost first, joined with ">" (e.g. "base64", "base64>percent"). */
  readonly encoding: string;
}

export interface DecodeOptions {
  /** Levels of nested decoding (default 2). */
  readonly maxDepth?: number;
  /** Maximum characters materialised for views (default: the text's length plus {@link BUDGET_SLACK}). */
  readonly budget?: number;
}

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly encoding: Encoding;
}

/** Shortest base64 run worth decoding: 16 chars = 12 bytes, room for a user:password pair. */
const MIN_BASE64 = 16;
/** Longest encoded segment decoded; longer runs are binary payloads (images, archives, fonts). */
const MAX_SEGMENT = 256 * 1024;
/** Longest line-based segment (escapes, percent-encoding) decoded. */
const MAX_LINE_SEGMENT = 8192;
/** Shortest hex run worth decoding: 24 hex chars = 12 bytes. */
const MIN_HEX = 24;
/** Context kept on each side of a segment, on its own line. */
const CONTEXT = 200;
/**
 * Fixed allowance on top of the chunk's length, so a short text can still hold its nested views
 * (a 60-character double-base64 token needs more than 60 characters of views).
 */
export const BUDGET_SLACK = 16 * 1024;

/** Per-ASCII-character class bits, so one pass classifies runs. */
const BASE64 = 1;
const HEX = 2;
const UPPER = 4;
const LOWER = 8;
const CHAR_CLASS = new Uint8Array(128);
const markClass = (chars: string, bit: number): void => {
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i);
    CHAR_CLASS[c] = (CHAR_CLASS[c] ?? 0) | bit;
  }
};
markClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_", BASE64);
markClass("0123456789abcdefABCDEF", HEX);
markClass("ABCDEFGHIJKLMNOPQRSTUVWXYZ", UPPER);
markClass("abcdefghijklmnopqrstuvwxyz", LOWER);

const classOf = (c: number): number => (c < 128 ? CHAR_CLASS[c]! : 0);

/** Shortest run of the base64 alphabet that can be a segment (hex needs more). */
const MIN_RUN = Math.min(MIN_BASE64, MIN_HEX);

/**
 * One pass over maximal runs of the base64 alphabet (standard or URL-safe, optional padding).
 * A run of hex digits only is a hex candidate; otherwise a run of mixed case is a base64
 * candidate (single-case runs are identifiers, constants or hashes, not encoded text).
 *
 * Only runs of MIN_RUN characters or more matter, and every such run covers one of the
 * positions MIN_RUN - 1, 2·MIN_RUN - 1, …: the pass probes those and walks a run only when a
 * probe lands in one (never walking back past the previous run), so ordinary code, whose
 * words are short, is read about one character in MIN_RUN.
 */
function alphabetSegments(text: string, out: Segment[]): void {
  let walked = 0;
  let probe = MIN_RUN - 1;
  while (probe < text.length) {
    if ((classOf(text.charCodeAt(probe)) & BASE64) === 0) {
      probe += MIN_RUN;
      continue;
    }
    let start = probe;
    while (start > walked && (classOf(text.charCodeAt(start - 1)) & BASE64) !== 0) start--;
    let i = start;
    let any = 0;
    let all = 0xff;
    for (; i < text.length; i++) {
      const f = classOf(text.charCodeAt(i));
      if ((f & BASE64) === 0) break;
      any |= f;
      all &= f;
    }
    const runEnd = i;
    while (i < text.length && text.charCodeAt(i) === 61 && i - runEnd < 2) i++;
    walked = i;
    probe = i + MIN_RUN - 1;
    const length = i - start;
    if (length > MAX_SEGMENT) continue;
    if ((all & HEX) !== 0) {
      if (i === runEnd && length >= MIN_HEX && length % 2 === 0 && hexStartsPrintable(text, start)) out.push({ start, end: i, encoding: "hex" });
    } else if ((any & (UPPER | LOWER)) === (UPPER | LOWER) && length >= MIN_BASE64 && length % 4 !== 1 && base64StartsPrintable(text, start)) {
      out.push({ start, end: i, encoding: "base64" });
    }
  }
}

/**
 * Whether the first bytes a run decodes to are printable, read straight from the text. Most
 * base64-alphabet runs are identifiers and hashes that decode to binary: this turns them away
 * before anything is sliced or allocated (code is full of them, e.g. every Go module checksum).
 */
function base64StartsPrintable(text: string, start: number): boolean {
  for (let q = start; q < start + PROBE_CHARS; q += 4) {
    const bits = (B64_VALUE[text.charCodeAt(q)]! << 18) | (B64_VALUE[text.charCodeAt(q + 1)]! << 12) | (B64_VALUE[text.charCodeAt(q + 2)]! << 6) | B64_VALUE[text.charCodeAt(q + 3)]!;
    if (!printableByte(bits >>> 16) || !printableByte((bits >>> 8) & 0xff) || !printableByte(bits & 0xff)) return false;
  }
  return true;
}

function hexStartsPrintable(text: string, start: number): boolean {
  for (let p = start; p < start + PROBE_CHARS; p += 2) {
    if (!printableByte((HEX_VALUE[text.charCodeAt(p)]! << 4) | HEX_VALUE[text.charCodeAt(p + 1)]!)) return false;
  }
  return true;
}

/** Characters probed (runs are at least MIN_BASE64 / MIN_HEX long): 6 bytes of base64, 4 of hex. */
const PROBE_CHARS = 8;
const B64_VALUE = new Uint8Array(128);
const HEX_VALUE = new Uint8Array(128);
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split("").forEach((c, v) => (B64_VALUE[c.charCodeAt(0)] = v));
B64_VALUE["-".charCodeAt(0)] = 62;
B64_VALUE["_".charCodeAt(0)] = 63;
"0123456789abcdef".split("").forEach((c, v) => (HEX_VALUE[c.charCodeAt(0)] = HEX_VALUE[c.toUpperCase().charCodeAt(0)] = v));

/** Printable ASCII plus tab / newline / carriage return: what a decoded secret is made of. */
function printableByte(c: number): boolean {
  return (c >= 32 && c <= 126) || c === 9 || c === 10 || c === 13;
}

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/g;
const STRING_ESCAPE = /\\(?:u[0-9A-Fa-f]{4}|u\{[0-9A-Fa-f]{1,6}\}|x[0-9A-Fa-f]{2}|["'/])/g;

/**
 * Lines (bounded) that contain at least one match of `marker`: each becomes one segment. Escaped
 * strings can hold quotes and spaces, so the line is the only boundary that is safe to assume.
 */
function lineSegments(text: string, marker: RegExp, encoding: Encoding, out: Segment[]): void {
  marker.lastIndex = 0;
  for (let m = marker.exec(text); m !== null; m = marker.exec(text)) {
    const start = Math.max(text.lastIndexOf("\n", m.index) + 1, m.index - MAX_LINE_SEGMENT / 2);
    const newline = text.indexOf("\n", m.index);
    const end = Math.min(newline === -1 ? text.length : newline, start + MAX_LINE_SEGMENT);
    out.push({ start, end, encoding });
    marker.lastIndex = Math.max(end, m.index + 1);
  }
}

/** Characters that end a percent-encoded token: whitespace, quotes, angle brackets. */
const TOKEN_STOP = /[\s"'`<>]/;

/** Whitespace- or quote-delimited tokens (bounded) that contain at least one `%XX` escape. */
function percentSegments(text: string, out: Segment[]): void {
  PERCENT_ESCAPE.lastIndex = 0;
  for (let m = PERCENT_ESCAPE.exec(text); m !== null; m = PERCENT_ESCAPE.exec(text)) {
    let start = m.index;
    const lowest = Math.max(0, m.index - MAX_LINE_SEGMENT / 2);
    while (start > lowest && !TOKEN_STOP.test(text[start - 1]!)) start--;
    let end = m.index + 3;
    const highest = Math.min(text.length, start + MAX_LINE_SEGMENT);
    while (end < highest && !TOKEN_STOP.test(text[end]!)) end++;
    out.push({ start, end, encoding: "percent" });
    PERCENT_ESCAPE.lastIndex = end;
  }
}

function isPrintable(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!printableByte(text.charCodeAt(i))) return false;
  return true;
}

function decodeSegment(source: string, encoding: Encoding): string | undefined {
  switch (encoding) {
    case "base64":
      return Buffer.from(source, "base64").toString("latin1");
    case "hex":
      return Buffer.from(source, "hex").toString("latin1");
    case "percent":
      return source.replace(PERCENT_ESCAPE, (esc) => String.fromCharCode(parseInt(esc.slice(1), 16)));
    case "escape":
      return unescapeString(source);
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", "0": "\0" };

/** Resolves JSON / JavaScript string escapes (\uXXXX, \u{…}, \xXX, \n, \", …); unknown escapes keep their character. */
function unescapeString(source: string): string {
  return source.replace(/\\(u\{[0-9A-Fa-f]{1,6}\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|[\s\S])/g, (_, esc: string) => {
    if (esc.startsWith("u{")) return String.fromCodePoint(Math.min(parseInt(esc.slice(2, -1), 16), 0x10ffff));
    if (esc.length > 1) return String.fromCharCode(parseInt(esc.slice(1), 16));
    return SIMPLE_ESCAPES[esc] ?? esc;
  });
}

function findSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  alphabetSegments(text, segments);
  if (text.includes("%")) percentSegments(text, segments);
  if (text.includes("\\")) lineSegments(text, STRING_ESCAPE, "escape", segments);
  return segments;
}

/**
 * Every decoded view of `text`, outermost first, within the depth and memory budget. A view at
 * depth 2 is reported at its outermost segment's span.
 */
export function decodedViews(text: string, options: DecodeOptions = {}): DecodedView[] {
  const maxDepth = options.maxDepth ?? 2;
  let budget = options.budget ?? text.length + BUDGET_SLACK;
  const views: DecodedView[] = [];

  const expand = (source: string, depth: number, outer: { span: Span; encoding: string } | undefined): void => {
    for (const segment of findSegments(source)) {
      // Decoding never lengthens a segment, so its own length bounds what it can materialise.
      if (segment.end - segment.start > budget) continue;
      const decoded = decodeSegment(source.slice(segment.start, segment.end), segment.encoding);
      if (decoded === undefined || decoded.length < 8 || !isPrintable(decoded)) continue;
      const lineStart = Math.max(source.lastIndexOf("\n", segment.start - 1) + 1, segment.start - CONTEXT);
      const newline = source.indexOf("\n", segment.end);
      const lineEnd = Math.min(newline === -1 ? source.length : newline, segment.end + CONTEXT);
      const before = source.slice(lineStart, segment.start);
      const viewText = before + decoded + source.slice(segment.end, lineEnd);
      if (viewText.length > budget) continue;
      budget -= viewText.length;
      const span = outer?.span ?? { start: segment.start, end: segment.end };
      const encoding = outer ? `${outer.encoding}>${segment.encoding}` : segment.encoding;
      views.push({ span, text: viewText, decoded: { start: before.length, end: before.length + decoded.length }, encoding });
      if (depth < maxDepth) expand(decoded, depth + 1, { span, encoding });
    }
  };
  if (maxDepth > 0) expand(text, 1, undefined);
  return views;
}

/**
 * Scans the decoded views of a text with `scan` and returns the candidates found in decoded
 * content, moved to the encoded span and marked with `decodedFrom`. Candidates that only repeat
 * what `original` (the candidates of the undecoded text) already reports are dropped.
 */
export function decodedCandidates(
  text: string,
  scan: (text: string) => Candidate[],
  original: readonly Candidate[],
  options: DecodeOptions = {},
): Candidate[] {
  const found: Candidate[] = [];
  for (const view of decodedViews(text, options)) {
    for (const c of scan(view.text)) {
      if (c.secret.end <= view.decoded.start || c.secret.start >= view.decoded.end) continue;
      const sameRuleHere = (o: Candidate): boolean =>
        o.ruleId === c.ruleId && o.secret.start < view.span.end && view.span.start < o.secret.end;
      if (original.some(sameRuleHere) || found.some(sameRuleHere)) continue;
      found.push({ ...c, match: view.span, secret: view.span, decodedFrom: view.encoding });
    }
  }
  return found;
}
