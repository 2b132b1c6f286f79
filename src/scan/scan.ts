/**
 * The scan orchestration: pulls chunks from a source, runs the detector on each, attaches the
 * source's provenance (commit, occurrences) and yields findings. Everything a user-facing mode
 * does (worktree, stdin, history, staged, range) goes through here, so one policy applies.
 */
import { createDetector, type Detector } from "../detect/detector.js";
import { detectStream } from "../engine/detect-stream.js";
import type { BatchDetector } from "../engine/pool.js";
import { workerDetector } from "../engine/threads.js";
import { loadRulePack } from "../rules/load.js";
import type { RulePack } from "../rules/pack.js";
import type { Source, ChunkContext } from "../sources/source.js";
import type { Chunk, Confidence, Finding, LineMapping, NoticeCode, ScanNotice, ScanResult, ScanStats } from "../types.js";

export interface ScanOptions {
  readonly source: Source;
  /** Compiled rules; default: the built-in pack. */
  readonly pack?: RulePack;
  /** A detector to reuse across scans (takes precedence over `pack`). */
  readonly detector?: Detector;
  readonly minConfidence?: Confidence;
  readonly signal?: AbortSignal;
  /** Called for every non-fatal problem (skipped, unreadable, …). */
  readonly onNotice?: (notice: ScanNotice) => void;
  /**
   * Post-detection policy (suppressions, baselines); returns the finding, possibly marked, or
   * undefined to drop. Gets the chunk too: inline markers and line allowlists need the line's text.
   */
  readonly filter?: (finding: Finding, chunk: Chunk) => Finding | undefined;
  /**
   * Detection threads (worker_threads); default one per core, 1 = detect on the calling thread.
   * Findings, notices and statistics are the same, in the same order, whatever the count.
   */
  readonly threads?: number;
}

/** Notices that mean "this file or blob was not scanned"; the others (shallow history, fallbacks) are not skips. */
const SKIP_NOTICES: ReadonlySet<NoticeCode> = new Set([
  "BINARY_SKIPPED",
  "TOO_LARGE",
  "SYMLINK_OUTSIDE_ROOT",
  "SYMLINK_LOOP",
  "BROKEN_SYMLINK",
  "LFS_POINTER",
  "SUBMODULE",
]);

export function newStats(): ScanStats {
  return { filesScanned: 0, bytesScanned: 0, filesSkipped: 0, errors: 0, durationMs: 0, suppressed: 0 };
}

/** Streams findings; returns the scan's statistics when done. */
export async function* scan(options: ScanOptions): AsyncGenerator<Finding, ScanStats, undefined> {
  const started = performance.now();
  const detectorOptions = { ...(options.minConfidence ? { minConfidence: options.minConfidence } : {}) };
  const pack = options.detector ? options.pack : (options.pack ?? (await loadRulePack()));
  const detector = options.detector ?? createDetector(pack!, detectorOptions);
  const signal = options.signal ?? new AbortController().signal;
  const stats = newStats();
  // Without the pack (a caller-made detector only) workers could not rebuild it: detect inline.
  const pool = pack ? workerDetector(options.threads, pack, detectorOptions) : undefined;
  yield* scanEvents(options, detector, pool, signal, stats);
  stats.durationMs = Math.round(performance.now() - started);
  return stats;
}

async function* scanEvents(
  options: ScanOptions,
  detector: Detector,
  pool: BatchDetector | undefined,
  signal: AbortSignal,
  stats: ScanStats,
): AsyncGenerator<Finding, void, undefined> {
  for await (const event of detectStream(options.source(signal), { inline: detector, ...(pool ? { pool } : {}) })) {
    if (event.type === "notice") {
      if (event.notice.level === "error") stats.errors++;
      else if (SKIP_NOTICES.has(event.notice.code)) stats.filesSkipped++;
      options.onNotice?.(event.notice);
      continue;
    }
    if (event.type === "stats") {
      if (event.commitsScanned !== undefined) stats.commitsScanned = event.commitsScanned;
      continue;
    }
    stats.filesScanned++;
    stats.bytesScanned += event.chunk.text.length;
    for (const raw of event.findings) {
      const finding = withContext(raw, event.chunk, event.context);
      if (!finding) continue;
      const kept = options.filter ? options.filter(finding, event.chunk) : finding;
      if (!kept) continue;
      if (kept.suppression) stats.suppressed++;
      yield kept;
    }
  }
}

/**
 * Turns a detector finding (in the chunk's lines) into a reported one: dropped when the source
 * marked the lines a change added and the finding is outside them, moved to the file's lines
 * when the chunk is an excerpt, given the source's provenance (commit, occurrences). Shared with
 * the audit, which drives the detector itself to record findings per blob.
 */
export function withContext(finding: Finding, chunk: Chunk, context: ChunkContext | undefined): Finding | undefined {
  if (context?.addedLines && !overlapsAdded(finding, context.addedLines)) return undefined;
  const located = chunk.fileLines ? inFileLines(finding, chunk.fileLines) : finding;
  if (!context) return located;
  return {
    ...located,
    ...(context.commit ? { commit: context.commit } : {}),
    ...(context.occurrences !== undefined ? { occurrences: context.occurrences } : {}),
    ...(context.otherLocations ? { otherLocations: context.otherLocations } : {}),
  };
}

function inFileLines(finding: Finding, lines: LineMapping): Finding {
  return {
    ...finding,
    start: { line: lines.fileLine(finding.start.line), column: finding.start.column },
    end: { line: lines.fileLine(finding.end.line), column: finding.end.column },
  };
}

function overlapsAdded(finding: Finding, added: ReadonlySet<number>): boolean {
  for (let line = finding.start.line; line <= finding.end.line; line++) if (added.has(line)) return true;
  return false;
}

/** Deterministic report order: path, line, column, rule. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.path, b.path) ||
    a.start.line - b.start.line ||
    a.start.column - b.start.column ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.commit?.sha ?? "", b.commit?.sha ?? "")
  );
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Runs a whole scan and collects findings (sorted), notices and statistics. */
export async function runScan(options: ScanOptions & { readonly root: string; readonly vcs?: ScanResult["vcs"] }): Promise<ScanResult> {
  const notices: ScanNotice[] = [];
  const findings: Finding[] = [];
  const generator = scan({
    ...options,
    onNotice: (n) => {
      notices.push(n);
      options.onNotice?.(n);
    },
  });
  let step = await generator.next();
  while (!step.done) {
    findings.push(step.value);
    step = await generator.next();
  }
  findings.sort(compareFindings);
  notices.sort((a, b) => cmp(a.path ?? "", b.path ?? "") || cmp(a.code, b.code));
  return { findings, notices, stats: step.value, root: options.root, ...(options.vcs ? { vcs: options.vcs } : {}) };
}
