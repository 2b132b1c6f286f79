/** Runs history and staged scans on fixture repositories with the git tests' rule pack. */
import type { BackendChoice } from "../../src/git/open.js";
import { runScan } from "../../src/scan/scan.js";
import { historySource, type HistoryOptions } from "../../src/sources/history.js";
import { stagedSource } from "../../src/sources/staged.js";
import type { ScanResult } from "../../src/types.js";
import { testPack } from "./test-pack.js";

export const BACKENDS: readonly Exclude<BackendChoice, "auto">[] = ["git-cli", "isomorphic-git"];

export async function scanGitHistory(repo: string, backend: BackendChoice, options: Omit<HistoryOptions, "repo" | "backend"> = {}): Promise<ScanResult> {
  return runScan({ source: historySource({ ...options, repo, backend }), root: repo, pack: await testPack() });
}

export async function scanStaged(repo: string, backend: BackendChoice): Promise<ScanResult> {
  return runScan({ source: stagedSource({ repo, backend }), root: repo, pack: await testPack() });
}

/** What a finding says, minus volatile parts: for comparing backends and asserting compactly. */
export function summarize(result: ScanResult): { path: string; line: number; secret: string; commit?: string; occurrences?: number }[] {
  return result.findings.map((f) => ({
    path: f.path,
    line: f.start.line,
    secret: f.secret,
    ...(f.commit ? { commit: f.commit.sha } : {}),
    ...(f.occurrences !== undefined ? { occurrences: f.occurrences } : {}),
  }));
}
