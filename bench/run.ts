/**
 * `npm run bench`: leakhound's speed and memory against the targets of the throughput issue,
 * measured as ratios to raw git and node in the same run (the machine is shared, so absolute
 * times are noisy). Prints a table and writes JSON under bench/results/ (git-ignored).
 *
 *   npm run bench                         every suite
 *   npm run bench -- --only history,staged
 *   npm run bench -- --quick              smaller generated inputs, for iteration
 *   npm run bench -- --runs 5 --repos flask,express --threads 2
 *
 * Suites: history, git-read, staged, worktree, scale, adversarial, audit (bench/audit.ts, when present).
 * The bench repositories come from ../shared/bench/repos/*.bundle; without them the suites
 * that need them are skipped with a message.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import type { BenchContext } from "./lib/context.js";
import { loadAverage } from "./lib/measure.js";
import { formatTable, writeResults, type BenchRow } from "./lib/report.js";
import { adversarialSuite } from "./suites/adversarial.js";
import { gitReadSuite } from "./suites/git-read.js";
import { historySuite } from "./suites/history.js";
import { scaleSuite } from "./suites/scale.js";
import { stagedSuite } from "./suites/staged.js";
import { worktreeSuite } from "./suites/worktree.js";

const ROOT = new URL("..", import.meta.url).pathname;
const BUNDLES = join(ROOT, "..", "shared", "bench", "repos");
const SUITES = ["history", "git-read", "staged", "worktree", "scale", "adversarial", "audit"] as const;
type SuiteName = (typeof SUITES)[number];

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    quick: { type: "boolean", default: false },
    runs: { type: "string", default: "3" },
    repos: { type: "string" },
    threads: { type: "string" },
    "keep-tmp": { type: "boolean", default: false },
  },
});

const only = new Set((values.only?.split(",") ?? SUITES) as SuiteName[]);
for (const name of only) if (!SUITES.includes(name)) throw new Error(`unknown suite "${name}"; choose from ${SUITES.join(", ")}`);

function buildCli(): void {
  // Benchmarks run the built CLI, start-up included, as users do. tsc still emits when some
  // file fails to typecheck, so only a missing entry point stops the run.
  spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.build.json")], { stdio: "inherit" });
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("build failed: dist/cli/main.js is missing");
}

function cloneRepos(tmp: string): Map<string, string> {
  const repos = new Map<string, string>();
  if (!existsSync(BUNDLES)) {
    console.log(`note: ${BUNDLES} is absent: history, staged and golangci-lint work-tree benchmarks are skipped`);
    return repos;
  }
  const wanted = values.repos?.split(",");
  for (const bundle of readdirSync(BUNDLES).filter((f) => f.endsWith(".bundle")).sort()) {
    const name = basename(bundle, ".bundle");
    if (wanted && !wanted.includes(name)) continue;
    const dir = join(tmp, "repos", name);
    const clone = spawnSync("git", ["clone", "--quiet", join(BUNDLES, bundle), dir], { stdio: "inherit" });
    if (clone.status !== 0) throw new Error(`git clone ${bundle} failed`);
    repos.set(name, dir);
  }
  return repos;
}

/** bench/audit.ts (owned by the audit work) contributes rows through `runAuditBench(ctx)` when present. */
async function auditSuite(ctx: BenchContext): Promise<BenchRow[]> {
  const file = join(ROOT, "bench", "audit.ts");
  if (!existsSync(file)) {
    console.log("note: bench/audit.ts is absent: audit benchmark skipped");
    return [];
  }
  const mod = (await import(file)) as { runAuditBench?: (ctx: BenchContext) => Promise<BenchRow[]> };
  if (!mod.runAuditBench) {
    console.log("note: bench/audit.ts exports no runAuditBench(ctx): audit benchmark skipped");
    return [];
  }
  return mod.runAuditBench(ctx);
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const load = loadAverage();
  buildCli();
  const tmp = mkdtempSync(join(tmpdir(), "leakhound-bench-"));
  const dataDir = join(tmpdir(), "leakhound-bench-data");
  mkdirSync(dataDir, { recursive: true });
  const needsRepos = only.has("history") || only.has("git-read") || only.has("staged") || only.has("worktree");
  const ctx: BenchContext = {
    quick: values.quick,
    runs: Math.max(1, Number(values.runs)),
    tmp,
    dataDir,
    repos: needsRepos ? cloneRepos(tmp) : new Map(),
    leakhoundArgs: values.threads ? ["--threads", values.threads] : [],
  };
  const suites: Record<SuiteName, (ctx: BenchContext) => BenchRow[] | Promise<BenchRow[]>> = {
    history: historySuite,
    "git-read": gitReadSuite,
    staged: stagedSuite,
    worktree: worktreeSuite,
    scale: scaleSuite,
    adversarial: adversarialSuite,
    audit: auditSuite,
  };
  const rows: BenchRow[] = [];
  try {
    for (const name of SUITES) {
      if (!only.has(name)) continue;
      console.log(`running ${name}…`);
      const suiteRows = await suites[name](ctx);
      for (const row of suiteRows) console.log(formatTable([row]).split("\n")[2]);
      rows.push(...suiteRows);
    }
  } finally {
    if (!values["keep-tmp"]) rmSync(tmp, { recursive: true, force: true });
  }
  const machine = { cores: availableParallelism(), loadAverageAtStart: load, loadAverageAtEnd: loadAverage(), node: process.version };
  console.log(`\n${formatTable(rows)}\n`);
  console.log(`machine: ${machine.cores} cores, load average ${machine.loadAverageAtStart} → ${machine.loadAverageAtEnd}, node ${machine.node}, runs=${ctx.runs}${ctx.quick ? ", --quick" : ""}`);
  const file = writeResults(join(ROOT, "bench", "results"), { startedAt, machine, options: values, rows });
  console.log(`results: ${file}`);
}

await main();
