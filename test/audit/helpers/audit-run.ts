/** Runs library-level audits over local repositories for tests (no network, no CLI). */
import { join } from "node:path";
import { createDetector, type Detector } from "../../../src/detect/detector.js";
import { runAudit, type AuditSummary } from "../../../src/audit/audit.js";
import type { InventoryEntry } from "../../../src/audit/inventory.js";
import { mirrorHistorySource } from "../../../src/audit/mirror-history.js";
import { createProgress } from "../../../src/audit/progress.js";
import { loadReportData, type AuditReportData } from "../../../src/audit/report-data.js";
import { AuditState } from "../../../src/audit/state.js";
import { loadRulePack } from "../../../src/rules/load.js";

let detector: Promise<Detector> | undefined;

export function sharedDetector(): Promise<Detector> {
  detector ??= loadRulePack().then((pack) => createDetector(pack));
  return detector;
}

/** An inventory entry for a local repository path (as `--repos` would make it). */
export function localEntry(name: string, path: string, fork = false): InventoryEntry {
  return { repo: { id: path, name, cloneUrl: path, fork, archived: false } };
}

export const FIXED_NOW = "2025-06-01T00:00:00.000Z";

export async function auditInto(stateDir: string, entries: readonly InventoryEntry[], options: { now?: string; concurrency?: number; cacheDir?: string } = {}): Promise<AuditSummary> {
  const state = AuditState.open(stateDir);
  try {
    return await runAudit({
      entries,
      state,
      cacheDir: options.cacheDir ?? join(stateDir, "mirrors"),
      detector: sharedDetector,
      blobSource: mirrorHistorySource,
      concurrency: options.concurrency ?? 2,
      progress: createProgress(() => {}, false),
      now: options.now ?? FIXED_NOW,
    });
  } finally {
    state.close();
  }
}

export function reportOf(stateDir: string): AuditReportData {
  const state = AuditState.open(stateDir, { mustExist: true });
  try {
    return loadReportData(state);
  } finally {
    state.close();
  }
}
