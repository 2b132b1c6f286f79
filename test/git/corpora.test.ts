/**
 * The shared history corpora (../shared/corpora/history/*.bundle, when present): every
 * documented expectation of expected.json is found, attributed to the documented commit and
 * line. Bundles are cloned with --mirror so every ref (pull refs, tags) comes along.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanHistory } from "../../src/git/scan-history.js";
import { loadRulePack } from "../../src/rules/load.js";
import type { RulePack } from "../../src/rules/pack.js";
import { runScan } from "../../src/scan/scan.js";
import { stagedSource } from "../../src/sources/staged.js";
import type { Finding } from "../../src/types.js";

const CORPORA = resolve(import.meta.dirname, "../../../shared/corpora/history");

interface Expectation {
  readonly commit: string | null;
  readonly path: string;
  readonly line: number;
  readonly value: string;
}



const expected = existsSync(join(CORPORA, "expected.json")) ? JSON.parse(readFileSync(join(CORPORA, "expected.json"), "utf8")) : undefined;

let pack: RulePack;
let work: string;
beforeAll(async () => {
  pack = await loadRulePack();
  work = mkdtempSync(join(tmpdir(), "leakhound-corpora-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function clone(bundle: string, options: { mirror: boolean }): string {
  const dir = join(work, `${bundle}${options.mirror ? ".git" : ""}`);
  if (!existsSync(dir)) execFileSync("git", ["clone", "--quiet", ...(options.mirror ? ["--mirror"] : []), join(CORPORA, bundle), dir], { stdio: "ignore" });
  return dir;
}

function matches(finding: Finding, item: Expectation): boolean {
  return finding.path === item.path && finding.start.line <= item.line && finding.end.line >= item.line && (finding.secret.includes(item.value) || item.value.includes(finding.secret));
}

function expectFound(bundle: string, findings: readonly Finding[], items: readonly Expectation[], commits: (item: Expectation) => readonly (string | null)[] = (i) => [i.commit]): void {
  for (const item of items) {
    const key = `${bundle}:${item.path}:${item.line}`;
    const hit = findings.find((f) => matches(f, item));
    expect(hit, `${key} not found`).toBeDefined();
    expect(commits(item), `${key} attributed to ${hit!.commit?.sha}`).toContain(hit!.commit?.sha ?? null);
  }
}

describe.skipIf(!expected)("history corpora", () => {
  it("test_keys: the documented canary key and the observed keys, at the commits that added them", async () => {
    const { result } = await scanHistory({ repo: clone("test_keys.bundle", { mirror: true }), pack });
    const { documented, observed } = expected.bundles["test_keys.bundle"];
    expectFound("test_keys.bundle", result.findings, documented);
    // The URL basic-auth credential (admin:admin on a public demo site) is left to the generic rules' judgement.
    expectFound("test_keys.bundle", result.findings, observed.filter((o: { kind: string }) => o.kind !== "url-basic-auth"));
  });

  it("secretsandstuff: the four documented secrets, including one merged from a pull request", async () => {
    const { result } = await scanHistory({ repo: clone("secretsandstuff.bundle", { mirror: true }), pack });
    const { documented } = expected.bundles["secretsandstuff.bundle"];
    // The pull-request key is attributed to the commit that wrote it (84e9c75e), not to the merge that brought it in.
    expectFound("secretsandstuff.bundle", result.findings, documented);
    expect(result.stats.commitsScanned).toBe(14);
  });

  it("gitleaks small: the documented keys; two identical files are one blob, reported once with two occurrences", async () => {
    const { result } = await scanHistory({ repo: clone("gitleaks-testdata-small.bundle", { mirror: true }), pack });
    const bundle = expected.bundles["gitleaks-testdata-small.bundle"];
    expectFound("gitleaks-testdata-small.bundle", result.findings, bundle.documented["default log options: git log -p -U0 --full-history --all --diff-filter=tuxdb"]);
    const ignored = bundle.suppressed_by_gitleaksignore as Expectation[];
    const sameBlob = result.findings.filter((f) => ignored.some((i) => matches(f, i) || (f.commit?.sha === i.commit && f.start.line === i.line)));
    expect(sameBlob).toHaveLength(1);
    expect(sameBlob[0]!.occurrences).toBe(2);
  });

  it("gitleaks staged: the staged key at its staged line; the committed history's keys", async () => {
    const bundle = expected.bundles["gitleaks-testdata-staged.bundle"];
    const { result: history } = await scanHistory({ repo: clone("gitleaks-testdata-staged.bundle", { mirror: true }), pack });
    expectFound("gitleaks-testdata-staged.bundle", history.findings, bundle.observed_history);
    const dir = clone("gitleaks-testdata-staged.bundle", { mirror: false });
    execFileSync("git", ["apply", "--index", join(CORPORA, "gitleaks", "staged.cached.patch")], { cwd: dir, stdio: "ignore" });
    const staged = await runScan({ source: stagedSource({ repo: dir }), root: dir, pack });
    const items = [...bundle.documented["git diff --cached after applying staged.cached.patch"], ...bundle.suppressed_by_gitleaksignore];
    expectFound("gitleaks-testdata-staged.bundle", staged.findings, items, () => [null]);
  });

  it("gitleaks archives: nothing in plain text (secrets only inside compressed files)", async () => {
    const { result } = await scanHistory({ repo: clone("gitleaks-testdata-archives.bundle", { mirror: true }), pack });
    expect(result.findings).toEqual([]);
    expect(result.stats.errors).toBe(0);
  });

  it("leaky-repo: the full history with pull refs scans without errors", async () => {
    const { result } = await scanHistory({ repo: clone("leaky-repo.bundle", { mirror: true }), pack });
    expect(result.stats.commitsScanned).toBe(51);
    expect(result.stats.errors).toBe(0);
    expect(result.findings.length).toBeGreaterThan(0);
  });
});
