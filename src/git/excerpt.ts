/**
 * Cuts a new version of a file down to the lines a change added, plus a little context, so
 * history scans read each line of history about once instead of once per version of the file.
 * Works on the blob's bytes: only the kept lines are ever decoded. Armoured blocks
 * (`-----BEGIN …-----` to `-----END …-----`, e.g. PEM private keys) that touch an added line are
 * kept whole, so multi-line secrets are still seen entire.
 *
 * The excerpt's lines map back to the file's through {@link ExcerptLines}, which counts the
 * file's newlines only when asked (that is, when the excerpt produced a finding): counting
 * them for every version of every file would cost more than the comparison itself.
 */
import { lineIndexOf } from "../detect/line-index.js";
import { lineEnd, lineNumbersAt, linesForward, NEWLINE } from "./byte-lines.js";
import type { LineMapping } from "../types.js";

/** Lines kept around each added line: rules that look for a keyword near the secret still see it. */
export const EXCERPT_CONTEXT_LINES = 3;

/** Armoured blocks longer than this are not kept whole (the largest PEM keys are about 12 KiB). */
export const MAX_ARMOURED_BLOCK_BYTES = 64 * 1024;

const BEGIN = Buffer.from("-----BEGIN ");
const END = Buffer.from("-----END ");
const UTF8_BOM_LENGTH = 3;

export interface Excerpt {
  readonly text: string;
  /** 1-based excerpt lines that the change added. */
  readonly addedLines: ReadonlySet<number>;
  /** Excerpt line ↔ file line. */
  readonly lines: ExcerptLines;
}

/** An excerpt of `bytes` (UTF-8 text) around the lines starting at `addedStarts` (ascending byte offsets). */
export function excerptOf(bytes: Buffer, addedStarts: readonly number[]): Excerpt {
  const spans = keptSpans(bytes, addedStarts);
  const pieces: string[] = [];
  const runStarts: number[] = [];
  const runLines: number[] = [];
  const addedLines = new Set<number>();
  let chunkLine = 1;
  let nextAdded = 0;
  for (const [from, to] of spans) {
    runStarts.push(from);
    runLines.push(chunkLine);
    for (let at = from; at < to; chunkLine++) {
      while (nextAdded < addedStarts.length && addedStarts[nextAdded]! < at) nextAdded++;
      if (addedStarts[nextAdded] === at) addedLines.add(chunkLine);
      at = lineEnd(bytes, at, to);
    }
    const textStart = from === 0 && hasUtf8Bom(bytes) ? UTF8_BOM_LENGTH : from;
    pieces.push(bytes.toString("utf8", textStart, bytes[to - 1] === NEWLINE ? to - 1 : to));
  }
  return { text: pieces.join("\n"), addedLines, lines: new ExcerptLines(bytes, runStarts, runLines, chunkLine - 1) };
}

/**
 * Excerpt line → file line for an excerpt made of runs of consecutive file lines. The file's
 * line numbers are counted on first use, and the blob is let go of then.
 */
export class ExcerptLines implements LineMapping {
  private bytes: Buffer | undefined;
  private fileLines: number[] | undefined;

  constructor(
    bytes: Buffer,
    /** Byte offset in the file where each run starts. */
    private readonly runStarts: readonly number[],
    /** Excerpt line where each run starts. */
    private readonly runLines: readonly number[],
    private readonly lineCount: number,
  ) {
    this.bytes = bytes;
  }

  /** Bytes held until the mapping is first used (for memory accounting). */
  get heldBytes(): number {
    return this.bytes?.length ?? 0;
  }

  fileLine(chunkLine: number): number {
    const run = lineIndexOf(this.runLines, chunkLine);
    return this.resolve()[run]! + chunkLine - this.runLines[run]!;
  }

  chunkLine(fileLine: number): number | undefined {
    const starts = this.resolve();
    const run = lineIndexOf(starts, fileLine);
    const line = this.runLines[run]! + fileLine - starts[run]!;
    const runEnd = this.runLines[run + 1] ?? this.lineCount + 1;
    return fileLine >= starts[run]! && line < runEnd ? line : undefined;
  }

  /** File line of each run's first line, counted once. */
  private resolve(): number[] {
    if (this.fileLines) return this.fileLines;
    this.fileLines = lineNumbersAt(this.bytes!, this.runStarts);
    this.bytes = undefined;
    return this.fileLines;
  }
}

/** [from, to) byte spans of whole lines to keep, ascending and disjoint. */
function keptSpans(bytes: Buffer, addedStarts: readonly number[]): [number, number][] {
  const spans: [number, number][] = addedStarts.map((start) => [linesBack(bytes, start, EXCERPT_CONTEXT_LINES), linesForward(bytes, start, EXCERPT_CONTEXT_LINES + 1)]);
  spans.push(...armouredBlocksTouching(bytes, addedStarts));
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/**
 * Armoured blocks that share a line with an added line, as whole-line spans. Only added lines
 * that could be part of a block (a `-----` marker line, or a line of base64) are looked at, and
 * only one block length around them is searched: most added lines are code, and searching
 * whole files for markers was the largest cost of excerpting.
 */
function armouredBlocksTouching(bytes: Buffer, addedStarts: readonly number[]): [number, number][] {
  const blocks: [number, number][] = [];
  let coveredUpTo = -1;
  for (const start of addedStarts) {
    if (start < coveredUpTo) continue;
    const stop = lineEnd(bytes, start, bytes.length);
    if (!mayBeArmoured(bytes, start, stop)) continue;
    const begin = lastIndexWithin(bytes, BEGIN, Math.max(0, stop - MAX_ARMOURED_BLOCK_BYTES), stop);
    if (begin === -1) continue;
    const limit = Math.min(bytes.length, begin + MAX_ARMOURED_BLOCK_BYTES);
    const end = indexWithin(bytes, END, begin, limit);
    const span: [number, number] = [linesBack(bytes, begin, 0), lineEnd(bytes, end === -1 ? limit : end, bytes.length)];
    if (span[1] <= start) continue;
    blocks.push(span);
    coveredUpTo = span[1];
  }
  return blocks;
}

/** A marker line (`-----`), or a non-empty line of base64 characters only (a block's body). */
function mayBeArmoured(bytes: Buffer, start: number, stop: number): boolean {
  let end = stop;
  while (end > start && (bytes[end - 1] === NEWLINE || bytes[end - 1] === CARRIAGE_RETURN)) end--;
  if (end === start) return false;
  if (bytes[start] === DASH) return true;
  for (let i = start; i < end; i++) if (!BASE64_BYTE[bytes[i]!]) return false;
  return true;
}

const DASH = 0x2d;
const CARRIAGE_RETURN = 0x0d;
const BASE64_BYTE = Uint8Array.from({ length: 256 }, (_, b) => (/[A-Za-z0-9+/=]/.test(String.fromCharCode(b)) ? 1 : 0));

/** Offset of the last `needle` starting in bytes[from, to), or -1. */
function lastIndexWithin(bytes: Buffer, needle: Buffer, from: number, to: number): number {
  if (from >= to) return -1;
  const found = bytes.subarray(from, Math.min(bytes.length, to + needle.length - 1)).lastIndexOf(needle);
  return found === -1 ? -1 : from + found;
}

/** Offset of `needle` starting in bytes[from, to), or -1. */
function indexWithin(bytes: Buffer, needle: Buffer, from: number, to: number): number {
  if (from >= to) return -1;
  const found = bytes.subarray(from, Math.min(bytes.length, to + needle.length - 1)).indexOf(needle);
  return found === -1 ? -1 : from + found;
}

/** Start of the line `count` lines before the one holding `offset`. */
function linesBack(bytes: Buffer, offset: number, count: number): number {
  let start = offset > 0 ? bytes.lastIndexOf(NEWLINE, offset - 1) + 1 : 0;
  for (let n = 0; n < count && start > 0; n++) start = start > 1 ? bytes.lastIndexOf(NEWLINE, start - 2) + 1 : 0;
  return start;
}

function hasUtf8Bom(bytes: Buffer): boolean {
  return bytes.length >= UTF8_BOM_LENGTH && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
