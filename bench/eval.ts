/**
 * `npm run eval`: measures the rule pack's recall and precision on shared reference data.
 *
 * 1. leaky-repo (`../shared/corpora/leaky-repo/tree`, copied to a temp dir first so nothing
 *    scans or writes inside `shared/`): recall on its labelled risk items and the findings on
 *    unlabelled lines.
 * 2. The HEAD trees of `../shared/bench/repos/*.bundle` (cloned to temp dirs): ordinary code with
 *    no planted secrets, so every finding is a false positive until shown otherwise; reported per
 *    10 MB (10,000,000 bytes) of scanned text and listed.
 *
 * Prints a table and writes bench/results/eval.json. Exits 0 with a message when `../shared` is
 * absent. Extra arguments are rule files/directories to evaluate instead of the built-in pack.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadRulePack, BUILTIN_RULES_DIR } from "../src/rules/load.js";
import { runScan } from "../src/scan/scan.js";
import { worktreeSource } from "../src/sources/worktree.js";
import type { RulePack } from "../src/rules/pack.js";
import type { ScanResult } from "../src/types.js";
import { scoreLeakyRepo, summarize, type FindingSummary, type LeakyScore, type LineLabels } from "./eval-score.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SHARED = join(ROOT, "..", "shared");
const LEAKY = join(SHARED, "corpora", "leaky-repo");
const BUNDLES = join(SHARED, "bench", "repos");
const RESULTS = join(ROOT, "bench", "results", "eval.json");
const TEN_MB = 10_000_000;

/** Targets from issue 3. */
const TARGETS = { recall: 0.95, unlabelled: 5, perTenMb: 1 } as const;

interface TreeResult {
  readonly name: string;
  readonly bytes: number;
  readonly files: number;
  readonly findings: readonly FindingSummary[];
  readonly perTenMb: number;
}

async function scanDir(dir: string, pack: RulePack): Promise<ScanResult> {
  return runScan({ source: worktreeSource({ path: dir }), root: dir, pack });
}

async function evalLeakyRepo(pack: RulePack, work: string): Promise<LeakyScore> {
  const copy = join(work, "leaky-repo");
  await cp(join(LEAKY, "tree"), copy, { recursive: true });
  const labels = JSON.parse(await readFile(join(LEAKY, "lines.json"), "utf8")) as LineLabels;
  const result = await scanDir(copy, pack);
  return scoreLeakyRepo(labels, result.findings);
}

/** Clones a bundle without running any of its hooks, then scans the checked-out HEAD tree. */
async function evalBundle(bundle: string, pack: RulePack, work: string): Promise<TreeResult> {
  const name = basename(bundle, ".bundle");
  const dir = join(work, name);
  execFileSync("git", ["-c", "core.hooksPath=/dev/null", "clone", "-q", bundle, dir], { stdio: "ignore" });
  const result = await scanDir(dir, pack);
  const bytes = result.stats.bytesScanned;
  return {
    name,
    bytes,
    files: result.stats.filesScanned,
    findings: result.findings.map(summarize),
    perTenMb: bytes === 0 ? 0 : result.findings.length / (bytes / TEN_MB),
  };
}

const pass = (ok: boolean): string => (ok ? "ok" : "MISSED TARGET");
const fmt = (n: number, digits = 3): string => n.toFixed(digits);

function printReport(leaky: LeakyScore, trees: readonly TreeResult[]): void {
  const out: string[] = [];
  out.push("leaky-repo", "----------");
  out.push(`risk recall        ${leaky.riskHit}/${leaky.riskItems} = ${fmt(leaky.recall)}  (target ≥ ${TARGETS.recall}: ${pass(leaky.recall >= TARGETS.recall)})`);
  out.push(`informative hit    ${leaky.informativeHit}/${leaky.informativeItems}`);
  out.push(`unlabelled         ${leaky.unlabelled.length}  (target ≤ ${TARGETS.unlabelled}: ${pass(leaky.unlabelled.length <= TARGETS.unlabelled)})`);
  for (const m of leaky.missed) out.push(`  missed      ${m.path}:${m.line}  ${m.text}`);
  for (const u of leaky.unlabelled) out.push(`  unlabelled  ${u.path}:${u.line}  [${u.ruleId}/${u.confidence}] ${u.excerpt}`);
  out.push("", "bench HEAD trees (every finding is a false positive until shown otherwise)", "---------------------------------------------------------------------------");
  out.push(`${"repo".padEnd(16)}${"files".padStart(7)}${"MB".padStart(9)}${"findings".padStart(10)}${"per 10 MB".padStart(11)}`);
  for (const t of trees) {
    out.push(`${t.name.padEnd(16)}${String(t.files).padStart(7)}${fmt(t.bytes / 1e6, 2).padStart(9)}${String(t.findings.length).padStart(10)}${fmt(t.perTenMb, 2).padStart(11)}`);
  }
  const total = totals(trees);
  out.push(`${"total".padEnd(16)}${"".padStart(7)}${fmt(total.bytes / 1e6, 2).padStart(9)}${String(total.findings).padStart(10)}${fmt(total.perTenMb, 2).padStart(11)}  (target ≤ ${TARGETS.perTenMb}: ${pass(total.perTenMb <= TARGETS.perTenMb)})`);
  for (const t of trees) for (const f of t.findings) out.push(`  ${t.name}/${f.path}:${f.line}  [${f.ruleId}/${f.confidence}] ${f.excerpt}`);
  console.log(out.join("\n"));
}

function totals(trees: readonly TreeResult[]): { bytes: number; findings: number; perTenMb: number } {
  const bytes = trees.reduce((n, t) => n + t.bytes, 0);
  const findings = trees.reduce((n, t) => n + t.findings.length, 0);
  return { bytes, findings, perTenMb: bytes === 0 ? 0 : findings / (bytes / TEN_MB) };
}

async function main(): Promise<void> {
  if (!existsSync(LEAKY) || !existsSync(BUNDLES)) {
    console.log(`eval skipped: ${SHARED} (shared corpora and bench repositories) is not present.`);
    return;
  }
  const rulePaths = process.argv.slice(2);
  const pack = await loadRulePack(rulePaths.length > 0 ? rulePaths : [BUILTIN_RULES_DIR]);
  const work = await mkdtemp(join(tmpdir(), "leakhound-eval-"));
  try {
    const leaky = await evalLeakyRepo(pack, work);
    const bundles = (await readdir(BUNDLES)).filter((n) => n.endsWith(".bundle")).sort();
    const trees: TreeResult[] = [];
    for (const b of bundles) trees.push(await evalBundle(join(BUNDLES, b), pack, work));
    printReport(leaky, trees);
    await mkdir(join(ROOT, "bench", "results"), { recursive: true });
    const report = { rules: pack.rules.length, leakyRepo: leaky, bench: { trees, ...totals(trees) }, targets: TARGETS };
    await writeFile(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwritten: ${RESULTS}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
