/**
 * Timing and memory of child processes. Each measured command runs as a child of
 * `/usr/bin/time`, which reports the child's peak resident set (ru_maxrss, worker threads
 * included since they share the process); wall time is taken here, around the child.
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Measurement {
  readonly seconds: number;
  /** Peak RSS of the measured process, in MB (undefined without /usr/bin/time). */
  readonly peakRssMb?: number;
  readonly code: number;
  readonly stderr: string;
}

const TIME_BIN = "/usr/bin/time";

/** Runs `command args…` once; throws when it exits with a code not in `okCodes`. */
export function measure(command: string, args: readonly string[], options: SpawnSyncOptions & { okCodes?: readonly number[] } = {}): Measurement {
  const dir = mkdtempSync(join(tmpdir(), "lh-measure-"));
  const report = join(dir, "time.txt");
  try {
    const started = performance.now();
    const child = spawnSync(TIME_BIN, ["-f", "%M", "-o", report, command, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
      maxBuffer: 64 << 20,
      ...options,
    });
    const seconds = (performance.now() - started) / 1000;
    const code = child.status ?? 1;
    const stderr = child.stderr?.toString() ?? "";
    if (child.error) throw child.error;
    if (!(options.okCodes ?? [0]).includes(code)) {
      throw new Error(`${command} ${args.join(" ")} exited with ${code}: ${stderr.slice(-2000)}`);
    }
    const lines = readFileSync(report, "utf8").trim().split("\n");
    const kb = Number(lines[lines.length - 1]);
    return { seconds, code, stderr, ...(Number.isFinite(kb) ? { peakRssMb: kb / 1024 } : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a measurement `runs` times (after `warmup` unmeasured runs); returns every run. */
export function repeat(runs: number, warmup: number, run: () => Measurement): Measurement[] {
  for (let i = 0; i < warmup; i++) run();
  return Array.from({ length: runs }, run);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall time and the largest peak RSS over the runs. */
export function summarize(runs: readonly Measurement[]): { seconds: number; peakRssMb?: number } {
  const rss = runs.map((r) => r.peakRssMb).filter((v): v is number => v !== undefined);
  return { seconds: median(runs.map((r) => r.seconds)), ...(rss.length ? { peakRssMb: Math.max(...rss) } : {}) };
}

/** The 1-minute load average when the run started, so readers can judge the noise. */
export function loadAverage(): number {
  return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
}
