/**
 * Audit benchmark (`npm run bench -- --only audit`): 200 generated repositories audited twice
 * with the built CLI. The main case is an organization audit (`--github-org` against a loopback
 * GitHub API and git-over-HTTP host, bench/audit-host.ts); a second case reads a repos file of
 * local paths, where the host cannot say "not pushed since", so every repository is fetched.
 * Reported: wall time and peak RSS of the first run, the blobs each run scanned, the second run's
 * time as a ratio of the first (target ≤ 0.05), and peak RSS for a quarter of the repositories
 * (flat memory: about the same peak for 50 and for 200 repositories).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { AUDIT_REPOS_FULL, AUDIT_REPOS_QUICK, generateAuditRepos } from "./gen/audit-repos.js";
import { runLeakhound, type BenchContext } from "./lib/context.js";
import type { Measurement } from "./lib/measure.js";
import { round, type BenchRow } from "./lib/report.js";

const SECOND_RUN_TARGET = 0.05;
const HOST_SCRIPT = new URL("./audit-host.ts", import.meta.url).pathname;
const TSX_LOADER = new URL("../node_modules/tsx/dist/loader.mjs", import.meta.url).href;

/** The "N blobs (" count of the audit's closing summary line. */
function blobsScanned(run: Measurement): number {
  const summary = run.stderr.trim().split("\n").at(-1) ?? "";
  return Number(/ (\d+) blobs \(/.exec(summary)?.[1] ?? NaN);
}

/** Starts bench/audit-host.ts serving `repos`; resolves with its URL and a stop function. */
async function startHost(repos: readonly string[]): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", TSX_LOADER, HOST_SCRIPT, ...repos], { stdio: ["ignore", "pipe", "inherit"] });
  const [data] = (await once(child.stdout, "data")) as [Buffer];
  return { url: data.toString("utf8").trim(), stop: () => child.kill() };
}

/**
 * Audits twice into a fresh state, and once for the first quarter of the inventory. `target`:
 * whether the second-run target applies (an organization audit; a repos file of local paths must
 * fetch every repository to learn that nothing changed, so it is reported for information).
 */
function auditTwice(ctx: BenchContext, name: string, target: boolean, inventoryArgs: (quarter: boolean) => string[]): BenchRow[] {
  const state = join(ctx.tmp, `audit-${name}`);
  const args = (quarter: boolean, dir: string): string[] => ["audit", ...inventoryArgs(quarter), "--state", dir, "--concurrency", "4"];
  const first = runLeakhound(ctx, args(false, state));
  const second = runLeakhound(ctx, args(false, state));
  const quarter = runLeakhound(ctx, args(true, `${state}-quarter`));
  const ratio = second.seconds / first.seconds;
  return [
    {
      suite: "audit",
      name: `${name}, first run`,
      metrics: {
        wall_s: round(first.seconds),
        peak_rss_mb: round(first.peakRssMb ?? NaN, 0),
        blobs_scanned: blobsScanned(first),
        quarter_peak_rss_mb: round(quarter.peakRssMb ?? NaN, 0),
      },
    },
    {
      suite: "audit",
      name: `${name}, second run (no change)`,
      metrics: { wall_s: round(second.seconds), ratio: round(ratio, 3), blobs_scanned: blobsScanned(second) },
      ...(target ? { target: `ratio ≤ ${SECOND_RUN_TARGET}, 0 blobs`, met: ratio <= SECOND_RUN_TARGET && blobsScanned(second) === 0 } : {}),
    },
  ];
}

export async function runAuditBench(ctx: BenchContext): Promise<BenchRow[]> {
  const size = ctx.quick ? AUDIT_REPOS_QUICK : AUDIT_REPOS_FULL;
  const repos = await generateAuditRepos(ctx.dataDir, size);
  const label = `${repos.length} repositories${ctx.quick ? " (--quick)" : ""}`;

  const allHost = await startHost(repos);
  const quarterHost = await startHost(repos.slice(0, repos.length / 4));
  let orgRows: BenchRow[];
  try {
    orgRows = auditTwice(ctx, `${label} via --github-org`, true, (quarter) => ["--github-org", "bench", "--api-url", quarter ? quarterHost.url : allHost.url]);
  } finally {
    allHost.stop();
    quarterHost.stop();
  }

  const allFile = join(ctx.tmp, "audit-repos.txt");
  writeFileSync(allFile, `${repos.join("\n")}\n`);
  const quarterFile = join(ctx.tmp, "audit-repos-quarter.txt");
  writeFileSync(quarterFile, `${repos.slice(0, repos.length / 4).join("\n")}\n`);
  const fileRows = auditTwice(ctx, `${label} via --repos (local paths: refs compared, no fetch when unchanged)`, false, (quarter) => ["--repos", quarter ? quarterFile : allFile]);
  return [...orgRows, ...fileRows];
}
