/**
 * Adversarial inputs, each scanned at two sizes: linear time means the larger input takes about
 * twice as long, measured above start-up. `growth` is the time ratio over the size ratio: 1 is
 * linear, 2 would be quadratic; the target allows 1.5 for noise on a shared machine.
 */
import { join } from "node:path";
import { repeat, summarize } from "../lib/measure.js";
import { round, type BenchRow } from "../lib/report.js";
import { emptyDir, scanToJson, type BenchContext } from "../lib/context.js";
import { writeAdversarialInputs } from "../gen/adversarial.js";

export const LINEAR_GROWTH_LIMIT = 1.5;

export function adversarialSuite(ctx: BenchContext): BenchRow[] {
  const startup = summarize(repeat(ctx.runs, 1, () => scanToJson(ctx, [emptyDir(ctx)], "empty").run)).seconds;
  const base = ctx.quick ? 0.25 : 1;
  const small = writeAdversarialInputs(join(ctx.tmp, "adversarial-1"), base);
  const large = writeAdversarialInputs(join(ctx.tmp, "adversarial-2"), base * 2);
  const time = (file: string): number =>
    Math.max(summarize(repeat(ctx.runs, 0, () => scanToJson(ctx, [file, "--max-file-size", "1GB"], "adversarial").run)).seconds - startup, 1e-3);
  return small.map((input, i) => {
    const bigger = large[i]!;
    const t1 = time(input.file);
    const t2 = time(bigger.file);
    const growth = t2 / t1 / (bigger.bytes / input.bytes);
    return {
      suite: "adversarial",
      name: input.name,
      metrics: { MB: round(input.bytes / 1e6, 1), s: round(t1), MB2: round(bigger.bytes / 1e6, 1), s2: round(t2), growth: round(growth, 1) },
      target: `growth ≤ ${LINEAR_GROWTH_LIMIT} (1 = linear)`,
      met: growth <= LINEAR_GROWTH_LIMIT,
    };
  });
}
