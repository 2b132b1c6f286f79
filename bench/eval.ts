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
 * absent. Extra arguments are rule files/directories to evaluate instead of the built-in pack;
 * `--secretlint DIR` also scores secretlint + its recommended preset installed in DIR (install it
 * there yourself: `npm install --prefix DIR secretlint @secretlint/secretlint-rule-preset-recommend`).
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
import { scoreLeakyRepo, summarize, type FindingSummary, type LeakyScore, type LineLabels, type ScoredFinding } from "./eval-score.js";
import { secretlintScanner } from "./eval-secretlint.js";

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

interface ScannerResult {
  readonly leaky: LeakyScore;
  readonly trees: readonly TreeResult[];
}

/** The trees every scanner is run on: a copy of leaky-repo and the bench bundles' HEAD checkouts. */
interface Corpus {
  readonly leaky: string;
  readonly labels: LineLabels;
  readonly bundles: readonly { readonly name: string; readonly dir: string }[];
}

async function prepareCorpus(work: string): Promise<Corpus> {
  const leaky = join(work, "leaky-repo");
  await cp(join(LEAKY, "tree"), leaky, { recursive: true });
  const labels = JSON.parse(await readFile(join(LEAKY, "lines.json"), "utf8")) as LineLabels;
  const bundles = [];
  for (const file of (await readdir(BUNDLES)).filter((n) => n.endsWith(".bundle")).sort()) {
    const name = basename(file, ".bundle");
    const dir = join(work, name);
    // A clone runs none of the bundle's hooks; core.hooksPath makes sure no local hook runs either.
    execFileSync("git", ["-c", "core.hooksPath=/dev/null", "clone", "-q", join(BUNDLES, file), dir], { stdio: "ignore" });
    bundles.push({ name, dir });
  }
  return { leaky, labels, bundles };
}

function treeResult(name: string, bytes: number, files: number, findings: readonly ScoredFinding[]): TreeResult {
  return { name, bytes, files, findings: findings.map(summarize), perTenMb: bytes === 0 ? 0 : findings.length / (bytes / TEN_MB) };
}

async function evalLeakhound(pack: RulePack, corpus: Corpus): Promise<ScannerResult> {
  const scanDir = (dir: string): Promise<ScanResult> => runScan({ source: worktreeSource({ path: dir }), root: dir, pack });
  const leaky = scoreLeakyRepo(corpus.labels, (await scanDir(corpus.leaky)).findings);
  const trees: TreeResult[] = [];
  for (const { name, dir } of corpus.bundles) {
    const result = await scanDir(dir);
    trees.push(treeResult(name, result.stats.bytesScanned, result.stats.filesScanned, result.findings));
  }
  return { leaky, trees };
}

/** secretlint reports no byte counts: its rate uses the bytes leakhound read from the same tree. */
async function evalSecretlint(installDir: string, corpus: Corpus, reference: ScannerResult): Promise<ScannerResult> {
  const scan = await secretlintScanner(installDir);
  const leaky = scoreLeakyRepo(corpus.labels, await scan(corpus.leaky));
  const trees: TreeResult[] = [];
  for (const [i, { name, dir }] of corpus.bundles.entries()) {
    const ref = reference.trees[i]!;
    trees.push(treeResult(name, ref.bytes, ref.files, await scan(dir)));
  }
  return { leaky, trees };
}

const pass = (ok: boolean): string => (ok ? "ok" : "MISSED TARGET");
const fmt = (n: number, digits = 3): string => n.toFixed(digits);

function printReport(scanner: string, { leaky, trees }: ScannerResult, listFindings: boolean): void {
  const out: string[] = [];
  out.push(`${scanner}: leaky-repo`, "-".repeat(scanner.length + 12));
  out.push(`risk recall        ${leaky.riskHit}/${leaky.riskItems} = ${fmt(leaky.recall)}  (target ≥ ${TARGETS.recall}: ${pass(leaky.recall >= TARGETS.recall)})`);
  out.push(`informative hit    ${leaky.informativeHit}/${leaky.informativeItems}`);
  out.push(`unlabelled         ${leaky.unlabelled.length}  (target ≤ ${TARGETS.unlabelled}: ${pass(leaky.unlabelled.length <= TARGETS.unlabelled)})`);
  if (listFindings) for (const m of leaky.missed) out.push(`  missed      ${m.path}:${m.line}  ${m.text}`);
  if (listFindings) for (const u of leaky.unlabelled) out.push(`  unlabelled  ${u.path}:${u.line}  [${u.ruleId}/${u.confidence}] ${u.excerpt}`);
  out.push("", `${scanner}: bench HEAD trees (every finding is a false positive until shown otherwise)`, "-".repeat(scanner.length + 74));
  out.push(`${"repo".padEnd(16)}${"files".padStart(7)}${"MB".padStart(9)}${"findings".padStart(10)}${"per 10 MB".padStart(11)}`);
  for (const t of trees) {
    out.push(`${t.name.padEnd(16)}${String(t.files).padStart(7)}${fmt(t.bytes / 1e6, 2).padStart(9)}${String(t.findings.length).padStart(10)}${fmt(t.perTenMb, 2).padStart(11)}`);
  }
  const total = totals(trees);
  out.push(`${"total".padEnd(16)}${"".padStart(7)}${fmt(total.bytes / 1e6, 2).padStart(9)}${String(total.findings).padStart(10)}${fmt(total.perTenMb, 2).padStart(11)}  (target ≤ ${TARGETS.perTenMb}: ${pass(total.perTenMb <= TARGETS.perTenMb)})`);
  if (listFindings) for (const t of trees) for (const f of t.findings) out.push(`  ${t.name}/${f.path}:${f.line}  [${f.ruleId}/${f.confidence}] ${f.excerpt}`);
  console.log(out.join("\n"));
}

function totals(trees: readonly TreeResult[]): { bytes: number; findings: number; perTenMb: number } {
  const bytes = trees.reduce((n, t) => n + t.bytes, 0);
  const findings = trees.reduce((n, t) => n + t.findings.length, 0);
  return { bytes, findings, perTenMb: bytes === 0 ? 0 : findings / (bytes / TEN_MB) };
}

/** `[--secretlint DIR] [rule files…]` */
function parseArgs(argv: readonly string[]): { secretlint?: string; rulePaths: string[] } {
  const rulePaths: string[] = [];
  let secretlint: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--secretlint") secretlint = argv[++i];
    else rulePaths.push(argv[i]!);
  }
  return { ...(secretlint ? { secretlint } : {}), rulePaths };
}

const asJson = ({ leaky, trees }: ScannerResult) => ({ leakyRepo: leaky, bench: { trees, ...totals(trees) } });

async function main(): Promise<void> {
  if (!existsSync(LEAKY) || !existsSync(BUNDLES)) {
    console.log(`eval skipped: ${SHARED} (shared corpora and bench repositories) is not present.`);
    return;
  }
  const args = parseArgs(process.argv.slice(2));
  const pack = await loadRulePack(args.rulePaths.length > 0 ? args.rulePaths : [BUILTIN_RULES_DIR]);
  const work = await mkdtemp(join(tmpdir(), "leakhound-eval-"));
  try {
    const corpus = await prepareCorpus(work);
    const leakhound = await evalLeakhound(pack, corpus);
    printReport("leakhound", leakhound, true);
    const secretlint = args.secretlint ? await evalSecretlint(args.secretlint, corpus, leakhound) : undefined;
    if (secretlint) {
      console.log("");
      printReport("secretlint (preset-recommend)", secretlint, false);
    }
    await mkdir(join(ROOT, "bench", "results"), { recursive: true });
    const report = {
      rules: pack.rules.length,
      ...asJson(leakhound),
      ...(secretlint ? { secretlint: asJson(secretlint) } : {}),
      targets: TARGETS,
    };
    await writeFile(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwritten: ${RESULTS}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
