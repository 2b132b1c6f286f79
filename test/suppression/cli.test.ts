import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";
import { fakeGithubToken } from "../helpers/tokens.js";

interface JsonReport {
  findings: { path: string; fingerprint: string; suppression?: { kind: string; justification: string } }[];
  notices: { code: string; level: string; message: string }[];
  stats: { suppressed: number };
}

async function scanJson(cwd: string, ...args: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const run = await runCli(["scan", ".", "--format", "json", ...args], { cwd });
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
}

/** A directory with two planted tokens; returns their fingerprints by path. */
async function twoSecrets(): Promise<{ dir: ReturnType<typeof tempDir>; fp: Record<string, string> }> {
  const dir = tempDir();
  dir.write("a.env", `TOKEN=${fakeGithubToken()}\n`);
  dir.write("b.env", `TOKEN=${fakeGithubToken()}\n`);
  const { report } = await scanJson(dir.path);
  return { dir, fp: Object.fromEntries(report.findings.map((f) => [f.path, f.fingerprint])) };
}

describe("leakhound ignore add", () => {
  it("writes a sorted entry that suppresses the finding (reported with --show-suppressed, kept out of the exit code)", async () => {
    const { dir, fp } = await twoSecrets();
    const added = await runCli(["ignore", "add", fp["b.env"]!, "--reason", "revoked", "--owner", "@sec", "--expires", "2999-12-31"], { cwd: dir.path });
    expect(added.code).toBe(0);
    expect(readFileSync(join(dir.path, ".leakhoundignore"), "utf8")).toContain(`${fp["b.env"]} reason=revoked owner=@sec expires=2999-12-31\n`);
    const hidden = await scanJson(dir.path);
    expect(hidden.report.findings.map((f) => f.path)).toEqual(["a.env"]);
    expect(hidden.report.stats.suppressed).toBe(1);
    const shown = await scanJson(dir.path, "--show-suppressed");
    expect(shown.report.findings.find((f) => f.path === "b.env")?.suppression).toEqual({
      kind: "external",
      justification: ".leakhoundignore: revoked; owner @sec; until 2999-12-31",
    });
    const text = await runCli(["scan", ".", "--show-suppressed"], { cwd: dir.path });
    expect(text.stdout).toMatch(/suppressed \(external\): \.leakhoundignore: revoked/);
    expect(text.stdout).toMatch(/1 finding .*; 1 suppressed/);
    await runCli(["ignore", "add", fp["a.env"]!, "--reason", "test key"], { cwd: dir.path });
    expect((await scanJson(dir.path)).code).toBe(0);
  });

  it("rejects a malformed fingerprint, a bad date and a missing reason (exit 2)", async () => {
    const dir = tempDir();
    expect((await runCli(["ignore", "add", "nonsense", "--reason", "x"], { cwd: dir.path })).stderr).toMatch(/is not a fingerprint/);
    const fp = `github-pat:${"a".repeat(32)}:x.env`;
    expect((await runCli(["ignore", "add", fp, "--reason", "x", "--expires", "31/12/2030"], { cwd: dir.path })).code).toBe(2);
    expect((await runCli(["ignore", "add", fp], { cwd: dir.path })).code).toBe(2);
  });
});

describe("expired and stale ignore entries", () => {
  it("an expired entry stops suppressing and the scan says so; --report-stale-ignores lists entries matching nothing", async () => {
    const { dir, fp } = await twoSecrets();
    dir.write(
      ".leakhoundignore",
      [
        `${fp["a.env"]} reason="old exception" expires=2020-01-31`,
        `${fp["b.env"]} reason="current exception"`,
        `github-pat:${"0".repeat(32)}:gone.env reason="fixed long ago"`,
      ].join("\n"),
    );
    const run = await scanJson(dir.path, "--report-stale-ignores");
    expect(run.code).toBe(1);
    expect(run.report.findings.map((f) => f.path)).toEqual(["a.env"]);
    expect(run.report.notices.map((n) => n.code)).toEqual(["IGNORE_EXPIRED", "IGNORE_STALE"]);
    expect(run.report.notices[0]!.message).toMatch(/^\.leakhoundignore:1: entry .* expired on 2020-01-31; it no longer suppresses \(1 finding reported again\)/);
    expect(run.report.notices[1]!.message).toMatch(/^\.leakhoundignore:3: entry github-pat:0{32}:gone\.env matches no finding any more; remove it/);
    expect(run.stderr).toMatch(/warning: .*expired on 2020-01-31/);
    expect((await scanJson(dir.path)).report.notices.map((n) => n.code)).toEqual(["IGNORE_EXPIRED"]);
  });
});

describe("baselines", () => {
  it("baseline create records today's findings; scan --baseline reports only new ones", async () => {
    const { dir } = await twoSecrets();
    const created = await runCli(["baseline", "create", "-o", "baseline.txt"], { cwd: dir.path });
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("Recorded 2 findings in baseline.txt");
    expect((await scanJson(dir.path, "--baseline", "baseline.txt")).code).toBe(0);
    dir.write("c.env", `TOKEN=${fakeGithubToken()}\n`);
    const run = await scanJson(dir.path, "--baseline", "baseline.txt");
    expect(run.code).toBe(1);
    expect(run.report.findings.map((f) => f.path)).toEqual(["c.env"]);
    expect(run.report.stats.suppressed).toBe(2);
    const missing = await runCli(["scan", ".", "--baseline", "nope.txt"], { cwd: dir.path });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read baseline .*nope\.txt/);
  });
});

describe("configuration errors", () => {
  it("stop the scan before it starts (exit 2, file and key named, no report)", async () => {
    const dir = tempDir();
    dir.write("a.env", `TOKEN=${fakeGithubToken()}\n`);
    dir.write(".leakhound.toml", '[[allowlists]]\nregexTarget = "everything"\n');
    const run = await runCli(["scan", "."], { cwd: dir.path });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(join(dir.path, ".leakhound.toml"));
    expect(run.stderr).toContain('allowlists[0].regexTarget: expected one of "secret", "match", "line"');
  });

  it("--config names a gitleaks file explicitly; unknown gitleaks keys are warnings on stderr", async () => {
    const dir = tempDir();
    dir.write("a.env", `TOKEN=${fakeGithubToken()}\n`);
    dir.write("ci/gitleaks.toml", '[extend]\nuseDefault = true\n[[allowlists]]\npaths = [\'\'\'\\.env$\'\'\']\nreportOnly = true\n');
    const run = await runCli(["scan", ".", "--config", "ci/gitleaks.toml"], { cwd: dir.path });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: .*gitleaks\.toml: allowlists\[0\]\.reportOnly is not a gitleaks key leakhound knows; ignored/);
  });
});
