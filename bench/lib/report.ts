/** Benchmark rows, the printed table and the JSON file under bench/results/. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface BenchRow {
  readonly suite: string;
  readonly name: string;
  /** Measured values, already rounded for display (seconds, MB, MB/s, ratios, counts). */
  readonly metrics: Readonly<Record<string, number | string>>;
  /** What the issue asks for, in words ("ratio ≤ 2.5"). */
  readonly target?: string;
  /** Whether the target is met; undefined for informational rows. */
  readonly met?: boolean;
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ["suite", "case", "measured", "target", "met"];
  const body = rows.map((r) => [
    r.suite,
    r.name,
    Object.entries(r.metrics).map(([k, v]) => `${k}=${v}`).join(" "),
    r.target ?? "",
    r.met === undefined ? "" : r.met ? "yes" : "NO",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

/** Writes the run as JSON (bench/results/ is git-ignored) and returns the file's path. */
export function writeResults(dir: string, run: { readonly startedAt: string; readonly rows: readonly BenchRow[]; readonly [key: string]: unknown }): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${run.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}
