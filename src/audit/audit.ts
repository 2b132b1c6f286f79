/**
 * Runs an audit over an inventory: repositories in parallel (p-limit), each audited incrementally
 * against the state store. Memory stays flat in the number of repositories: per repository only
 * counters survive, and everything else is in the state database.
 */
import pLimit from "p-limit";
import { isLeakhoundError } from "../errors.js";
import { auditRepository, type DetectorProvider, type MirrorBlobSource } from "./audit-repository.js";
import { InflightBlobs } from "./inflight.js";
import type { InventoryEntry } from "./inventory.js";
import { formatBytes } from "../report/text.js";
import { formatDuration, type AuditProgress } from "./progress.js";
import type { AuditState } from "./state.js";

export interface AuditOptions {
  readonly entries: readonly InventoryEntry[];
  readonly state: AuditState;
  readonly cacheDir: string;
  readonly detector: DetectorProvider;
  readonly blobSource: MirrorBlobSource;
  readonly concurrency: number;
  readonly progress: AuditProgress;
  /** Recorded as first/last seen; injectable so tests and shard comparisons are reproducible. */
  readonly now?: string;
  readonly signal?: AbortSignal;
}

export interface AuditSummary {
  readonly repositories: number;
  readonly unchanged: number;
  readonly failed: readonly { readonly id: string; readonly message: string }[];
  readonly blobsScanned: number;
  readonly bytesScanned: number;
  readonly newFindings: number;
  readonly durationMs: number;
}

export async function runAudit(options: AuditOptions): Promise<AuditSummary> {
  const started = performance.now();
  const now = options.now ?? new Date().toISOString();
  const signal = options.signal ?? new AbortController().signal;
  const inflight = new InflightBlobs();
  const limit = pLimit(Math.max(1, options.concurrency));
  const failed: { id: string; message: string }[] = [];
  const totals = { unchanged: 0, blobsScanned: 0, bytesScanned: 0, newFindings: 0 };
  options.progress.start(options.entries.length);
  await Promise.all(
    options.entries.map((entry) =>
      limit(async () => {
        if (signal.aborted) return;
        const repoStarted = performance.now();
        try {
          const result = await auditRepository(entry, {
            state: options.state,
            detector: options.detector,
            cacheDir: options.cacheDir,
            blobSource: options.blobSource,
            inflight,
            now,
            signal,
            onBlob: (bytes, findings) => options.progress.blob(bytes, findings),
            onNotice: (name, notice) => {
              if (notice.level === "error") options.progress.log(`${name}: ${notice.path ? `${notice.path}: ` : ""}${notice.message}`);
            },
          });
          totals.unchanged += result.unchanged ? 1 : 0;
          totals.blobsScanned += result.blobsScanned;
          totals.bytesScanned += result.bytesScanned;
          totals.newFindings += result.newFindings;
          const what = result.unchanged
            ? "unchanged"
            : `${result.blobsScanned} blobs (${formatBytes(result.bytesScanned)}), ${result.newFindings} new findings` +
              (result.blobsCredited > 0 ? `, ${result.blobsCredited} shared blobs credited` : "");
          options.progress.repositoryDone(entry.repo.name, `${what} in ${formatDuration(performance.now() - repoStarted)}`);
        } catch (error) {
          if (!isLeakhoundError(error)) throw error;
          failed.push({ id: entry.repo.id, message: error.message });
          options.progress.repositoryDone(entry.repo.name, `FAILED: ${error.message}`);
        }
      }),
    ),
  );
  options.progress.finish();
  failed.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { repositories: options.entries.length, failed, ...totals, durationMs: Math.round(performance.now() - started) };
}
