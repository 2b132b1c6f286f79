/**
 * One call that scans a repository's history and says what it cost: for benchmarks and for
 * callers that drive many repositories (organization audits) and want the blob accounting.
 */
import type { Detector } from "../detect/detector.js";
import type { RulePack } from "../rules/pack.js";
import { runScan } from "../scan/scan.js";
import { historySource, type BlobOutcome, type HistoryOptions } from "../sources/history.js";
import type { ScanResult } from "../types.js";

export interface HistoryScanStats {
  /** Unique blobs read from the object store (scanned or skipped after reading). */
  blobsRead: number;
  blobsScanned: number;
  blobsSkipped: number;
  /** Bytes of blob content read (the sum of the unique blobs' sizes). */
  bytesRead: number;
}

export interface HistoryScanOptions extends HistoryOptions {
  readonly pack?: RulePack;
  readonly detector?: Detector;
  readonly signal?: AbortSignal;
}

export async function scanHistory(options: HistoryScanOptions): Promise<{ result: ScanResult; history: HistoryScanStats }> {
  const history: HistoryScanStats = { blobsRead: 0, blobsScanned: 0, blobsSkipped: 0, bytesRead: 0 };
  const onBlob = (blob: BlobOutcome): void => {
    history.blobsRead++;
    history.bytesRead += blob.size;
    if (blob.outcome === "scanned") history.blobsScanned++;
    else history.blobsSkipped++;
    options.onBlob?.(blob);
  };
  const result = await runScan({
    source: historySource({ ...options, onBlob }),
    root: options.repo,
    ...(options.pack ? { pack: options.pack } : {}),
    ...(options.detector ? { detector: options.detector } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { result, history };
}
