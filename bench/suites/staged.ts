/**
 * Pre-commit latency: `leakhound scan --staged` with one staged file in the golangci-lint work
 * tree, median of 5 (after a warm-up that also fills the compiled-pack cache), against a bare
 * `node -e 0` measured in the same run. A cold run (pack cache disabled) is reported too.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { measure, repeat, summarize } from "../lib/measure.js";
import { round, type BenchRow } from "../lib/report.js";
import { runLeakhound, type BenchContext } from "../lib/context.js";

export const STAGED_RATIO_TARGET = 5;
const STAGED_RUNS = 5;

export function stagedSuite(ctx: BenchContext): BenchRow[] {
  const repo = ctx.repos.get("golangci-lint");
  if (!repo) return [];
  writeFileSync(join(repo, "bench_staged.go"), 'package main\n\n// staged by the benchmark\nconst greeting = "hello"\n');
  spawnSync("git", ["-C", repo, "add", "bench_staged.go"]);
  try {
    const node = summarize(repeat(STAGED_RUNS, 1, () => measure(process.execPath, ["-e", "0"])));
    const staged = summarize(repeat(STAGED_RUNS, 1, () => runLeakhound(ctx, ["scan", "--staged", repo])));
    const cold = summarize(repeat(STAGED_RUNS, 0, () => runLeakhound(ctx, ["scan", "--staged", repo], { env: { ...process.env, LEAKHOUND_CACHE_DIR: "off" } })));
    const ratio = staged.seconds / node.seconds;
    return [
      {
        suite: "staged",
        name: "golangci-lint, 1 file",
        metrics: { node_s: round(node.seconds, 3), staged_s: round(staged.seconds, 3), ratio: round(ratio, 1), cold_cache_s: round(cold.seconds, 3) },
        target: `ratio ≤ ${STAGED_RATIO_TARGET}`,
        met: ratio <= STAGED_RATIO_TARGET,
      },
    ];
  } finally {
    spawnSync("git", ["-C", repo, "rm", "--cached", "--quiet", "bench_staged.go"]);
  }
}
