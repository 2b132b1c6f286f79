/** The generated scale repository: same per-byte throughput and flat RSS as the real ones. */
import { generateScaleRepo, SCALE_FULL, SCALE_QUICK } from "../gen/scale-repo.js";
import type { BenchRow } from "../lib/report.js";
import type { BenchContext } from "../lib/context.js";
import { historyRow } from "./history.js";

export async function scaleSuite(ctx: BenchContext): Promise<BenchRow[]> {
  const size = ctx.quick ? SCALE_QUICK : SCALE_FULL;
  const started = performance.now();
  const repo = await generateScaleRepo(ctx.dataDir, size);
  const built = (performance.now() - started) / 1000;
  const row = historyRow(ctx, "scale", `${size.commits} commits${ctx.quick ? " (--quick)" : ""}`, repo, { logP: false });
  return [{ ...row, metrics: { commits: size.commits, ...row.metrics, ...(built > 1 ? { generated_s: Math.round(built) } : {}) } }];
}
