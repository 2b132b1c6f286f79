/**
 * Working-tree throughput: the golangci-lint HEAD checkout and a generated node_modules-like
 * tree of ≥ 200 MB, in MB/s of scanned text excluding process start-up (the median time to scan
 * an empty directory, measured in the same run, is subtracted).
 */
import { repeat, summarize } from "../lib/measure.js";
import { round, type BenchRow } from "../lib/report.js";
import { emptyDir, scanToJson, type BenchContext } from "../lib/context.js";
import { generateNodeModules } from "../gen/node-modules.js";

export const WORKTREE_TARGET_MBS = 100;
const NODE_MODULES_BYTES = 210_000_000;

export function worktreeSuite(ctx: BenchContext): BenchRow[] {
  const startup = summarize(repeat(ctx.runs, 1, () => scanToJson(ctx, [emptyDir(ctx)], "empty").run)).seconds;
  const trees: [string, string][] = [];
  const golangci = ctx.repos.get("golangci-lint");
  if (golangci) trees.push(["golangci-lint HEAD", golangci]);
  trees.push([`node_modules ${NODE_MODULES_BYTES / 1e6} MB`, generateNodeModules(ctx.dataDir, ctx.quick ? NODE_MODULES_BYTES / 10 : NODE_MODULES_BYTES)]);
  return trees.map(([name, dir]) => {
    let bytes = 0;
    let findings = 0;
    const scan = summarize(
      repeat(ctx.runs, 1, () => {
        const { run, report } = scanToJson(ctx, [dir], "worktree");
        const result = report();
        bytes = result.stats.bytesScanned;
        findings = result.findings.length;
        return run;
      }),
    );
    const mbs = bytes / 1e6 / Math.max(scan.seconds - startup, 1e-3);
    return {
      suite: "worktree",
      name,
      metrics: { MB: round(bytes / 1e6, 1), total_s: round(scan.seconds), startup_s: round(startup), MB_s: round(mbs, 0), rss_MB: round(scan.peakRssMb ?? Number.NaN, 0), findings },
      target: `≥ ${WORKTREE_TARGET_MBS} MB/s`,
      met: mbs >= WORKTREE_TARGET_MBS,
    };
  });
}
