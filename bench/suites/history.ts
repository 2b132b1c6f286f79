/**
 * Whole-history scans of the bench repositories (and the generated scale repository): raw
 * `git cat-file --batch-all-objects --batch` and `git log -p --all` times, leakhound's time in
 * the same run, their ratio, throughput over the unique blob bytes, peak RSS and findings.
 */
import { measure, repeat, summarize } from "../lib/measure.js";
import { round, type BenchRow } from "../lib/report.js";
import { blobBytes, scanToJson, type BenchContext } from "../lib/context.js";

/** Target 1: ≤ 2.5× the raw cat-file time, ≤ 400 MB peak RSS. */
export const HISTORY_RATIO_TARGET = 2.5;
export const HISTORY_RSS_TARGET_MB = 400;

export function historyRow(ctx: BenchContext, suite: string, name: string, repo: string, options: { logP: boolean }): BenchRow {
  const bytes = blobBytes(repo);
  const catFile = summarize(repeat(ctx.runs, 1, () => measure("git", ["-C", repo, "cat-file", "--batch-all-objects", "--batch"])));
  const logP = options.logP ? summarize(repeat(ctx.runs, 0, () => measure("git", ["-C", repo, "log", "-p", "--all"]))) : undefined;
  let findings = 0;
  const scan = summarize(
    repeat(ctx.runs, 0, () => {
      const { run, report } = scanToJson(ctx, ["--git", repo], `history-${name}`);
      findings = report().findings.length;
      return run;
    }),
  );
  const ratio = scan.seconds / catFile.seconds;
  const rss = scan.peakRssMb ?? Number.NaN;
  return {
    suite,
    name,
    metrics: {
      blobMB: round(bytes / 1e6, 0),
      catfile_s: round(catFile.seconds),
      ...(logP ? { logp_s: round(logP.seconds) } : {}),
      leakhound_s: round(scan.seconds),
      ratio: round(ratio),
      MB_s: round(bytes / 1e6 / scan.seconds, 0),
      rss_MB: round(rss, 0),
      findings,
    },
    target: `ratio ≤ ${HISTORY_RATIO_TARGET}, RSS ≤ ${HISTORY_RSS_TARGET_MB} MB`,
    met: ratio <= HISTORY_RATIO_TARGET && rss <= HISTORY_RSS_TARGET_MB,
  };
}

export function historySuite(ctx: BenchContext): BenchRow[] {
  return [...ctx.repos].map(([name, repo]) => historyRow(ctx, "history", name, repo, { logP: true }));
}
