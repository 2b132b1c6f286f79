/** What every benchmark suite gets from the runner. */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ScanResult } from "../../src/types.js";
import { measure, type Measurement } from "./measure.js";

export interface BenchContext {
  readonly quick: boolean;
  /** Measured runs per case (medians are reported). */
  readonly runs: number;
  /** Scratch space for this run (clones, reports); removed at the end. */
  readonly tmp: string;
  /** Generated inputs kept between runs (they are deterministic and slow to build). */
  readonly dataDir: string;
  /** Clones of ../shared/bench/repos/*.bundle by name, when that directory exists. */
  readonly repos: ReadonlyMap<string, string>;
  /** Extra arguments for every leakhound run (e.g. --threads). */
  readonly leakhoundArgs: readonly string[];
}

const BIN = new URL("../../bin/leakhound.js", import.meta.url).pathname;

/** Runs the built CLI (dist/) as a child, like a user would; exit 1 (findings) counts as success. */
export function runLeakhound(ctx: BenchContext, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Measurement {
  return measure(process.execPath, [BIN, ...args, ...ctx.leakhoundArgs], { okCodes: [0, 1], ...options });
}

/** A leakhound scan writing its JSON report to a file; returns the measurement and the report. */
export function scanToJson(ctx: BenchContext, args: readonly string[], name: string, options: { cwd?: string } = {}): { run: Measurement; report: () => ScanResult } {
  const out = join(ctx.tmp, `${name}.json`);
  const run = runLeakhound(ctx, ["scan", ...args, "-f", "json", "-o", out], options);
  return { run, report: () => JSON.parse(readFileSync(out, "utf8")) as ScanResult };
}

/** Total size of a repository's unique blobs (what a full history scan has to read). */
export function blobBytes(repo: string): number {
  const out = spawnSync("git", ["-C", repo, "cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectsize)"], { maxBuffer: 1 << 30 }).stdout.toString();
  let total = 0;
  for (const line of out.split("\n")) if (line.startsWith("blob ")) total += Number(line.slice(5));
  return total;
}

/** An empty directory: scanning it measures leakhound's fixed start-up cost. */
export function emptyDir(ctx: BenchContext): string {
  const dir = join(ctx.tmp, "empty");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, ".keep"), "");
  return dir;
}
