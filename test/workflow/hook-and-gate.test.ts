/**
 * The workflow end to end, on repositories built on the fly: a commit that adds a fresh secret is
 * blocked by the installed pre-commit hook and by the merge gate (`scan --git --range`), and the
 * same secret suppressed with each mechanism — inline marker, ignore file, baseline, config
 * allowlist — passes both. One policy: the hook and the gate read the same files.
 */
import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { installHook } from "../../src/hook/install.js";
import { runCli } from "../helpers/cli.js";
import { GitFixture } from "../helpers/git-fixture.js";
import { ENTRY, TSX_LOADER } from "../helpers/spawn-cli.js";
import { fakeGithubToken } from "../helpers/tokens.js";

const fixtures: GitFixture[] = [];
afterEach(() => fixtures.splice(0).forEach((f) => f.cleanup()));

const SECRET_FILE = "src/config.ts";

/** A repository with one clean commit on main. */
function project(): GitFixture {
  const fixture = GitFixture.create();
  fixtures.push(fixture);
  fixture.write("README.md", "# demo\n").commit("initial");
  return fixture;
}

/** `git commit` (hooks run); exit status and output instead of a throw. */
function tryCommit(fixture: GitFixture, ...flags: string[]): { code: number; output: string } {
  fixture.nextTick();
  fixture.git("add", "--all");
  try {
    const output = fixture.git("commit", "-m", "add config", ...flags);
    return { code: 0, output };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { code: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

async function fingerprintOf(fixture: GitFixture, args: string[]): Promise<string> {
  const run = await runCli(["scan", ...args, "--format", "json"], { cwd: fixture.dir });
  const report = JSON.parse(run.stdout) as { findings: { fingerprint: string }[] };
  expect(report.findings).toHaveLength(1);
  return report.findings[0]!.fingerprint;
}

type Mechanism = "inline" | "ignore file" | "baseline" | "config allowlist";

/**
 * Puts the secret in SECRET_FILE and accepts it with `mechanism`, as a developer would: the
 * ignore entry and the baseline are written by leakhound's own commands from the fingerprint a
 * working-tree scan reports — the same fingerprint the hook and the gate compute.
 */
async function addAcceptedSecret(fixture: GitFixture, mechanism: Mechanism, token: string): Promise<void> {
  const line = `export const token = "${token}";`;
  fixture.write(SECRET_FILE, `${line}${mechanism === "inline" ? " // leakhound:allow test fixture" : ""}\n`);
  if (mechanism === "ignore file") {
    const fingerprint = await fingerprintOf(fixture, ["."]);
    const added = await runCli(["ignore", "add", fingerprint, "--reason", "revoked demo token", "--owner", "@dev"], { cwd: fixture.dir });
    expect(added.code).toBe(0);
    expect(readFileSync(join(fixture.dir, ".leakhoundignore"), "utf8")).toContain(`${fingerprint} reason="revoked demo token" owner=@dev`);
  }
  if (mechanism === "baseline") {
    fixture.write(".leakhound.toml", 'baseline = ".leakhound-baseline"\n');
    const created = await runCli(["baseline", "create", "-o", ".leakhound-baseline"], { cwd: fixture.dir });
    expect(created.stdout).toContain("Recorded 1 finding");
    expect(readFileSync(join(fixture.dir, ".leakhound-baseline"), "utf8")).not.toContain(token);
  }
  if (mechanism === "config allowlist") {
    fixture.write(".leakhound.toml", `[[allowlists]]\ndescription = "demo config"\npaths = ["${SECRET_FILE}"]\n`);
  }
}

const MECHANISMS: readonly Mechanism[] = ["inline", "ignore file", "baseline", "config allowlist"];

describe("pre-commit hook", () => {
  const install = (fixture: GitFixture) => installHook(fixture.dir, { launcher: [process.execPath, "--import", TSX_LOADER, ENTRY] });

  it("blocks a commit that adds a fresh secret, says where and how to go on; --no-verify bypasses it", async () => {
    const fixture = project();
    await install(fixture);
    const head = fixture.git("rev-parse", "HEAD");
    fixture.write(SECRET_FILE, `// settings\nexport const token = "${fakeGithubToken()}";\n`);
    const blocked = tryCommit(fixture);
    expect(blocked.code).toBe(1);
    expect(fixture.git("rev-parse", "HEAD")).toBe(head);
    expect(blocked.output).toContain(SECRET_FILE);
    expect(blocked.output).toMatch(/\b2:\d+\s+\w+\s+github-pat\b/);
    expect(blocked.output).toContain("leakhound:allow");
    expect(blocked.output).toContain("leakhound ignore add");
    expect(blocked.output).toContain("git commit --no-verify");
    expect(tryCommit(fixture, "--no-verify").code).toBe(0);
    expect(fixture.git("rev-parse", "HEAD")).not.toBe(head);
  });

  it.each(MECHANISMS)("lets the same secret through when accepted with: %s", async (mechanism) => {
    const fixture = project();
    await install(fixture);
    await addAcceptedSecret(fixture, mechanism, fakeGithubToken());
    const commit = tryCommit(fixture);
    expect(commit.output).not.toContain("commit blocked");
    expect(commit.code).toBe(0);
  });
});

describe("merge gate (scan --git --range)", () => {
  /** main plus a feature branch whose one commit adds what `prepare` writes. */
  async function featureBranch(prepare: (fixture: GitFixture) => Promise<void>): Promise<GitFixture> {
    const fixture = project();
    fixture.git("checkout", "--quiet", "-b", "feature");
    await prepare(fixture);
    fixture.commit("feature work");
    return fixture;
  }

  it("fails on a new secret in the range, with SARIF for code scanning", async () => {
    const fixture = await featureBranch(async (f) => void f.write(SECRET_FILE, `export const token = "${fakeGithubToken()}";\n`));
    const gate = await runCli(["scan", "--git", "--range", "main..HEAD", "--format", "sarif", "--output", fixture.path("leakhound.sarif")], { cwd: fixture.dir });
    expect(gate.code).toBe(1);
    const sarif = JSON.parse(readFileSync(fixture.path("leakhound.sarif"), "utf8")) as { runs: { results: { ruleId: string; suppressions?: unknown[] }[] }[] };
    expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.suppressions])).toEqual([["github-pat", undefined]]);
  });

  it.each(MECHANISMS)("passes the same secret when accepted with: %s (SARIF marks it suppressed)", async (mechanism) => {
    const fixture = await featureBranch((f) => addAcceptedSecret(f, mechanism, fakeGithubToken()));
    const gate = await runCli(["scan", "--git", "--range", "main..HEAD", "--format", "sarif", "--output", fixture.path("leakhound.sarif")], { cwd: fixture.dir });
    expect(gate.stderr).toBe("");
    expect(gate.code).toBe(0);
    const sarif = JSON.parse(readFileSync(fixture.path("leakhound.sarif"), "utf8")) as {
      runs: { results: { ruleId: string; suppressions?: { kind: string; justification: string }[] }[] }[];
    };
    const results = sarif.runs[0]!.results;
    expect(results).toHaveLength(1);
    expect(results[0]!.suppressions).toEqual([
      { kind: mechanism === "inline" ? "inSource" : "external", justification: expect.any(String) },
    ]);
  });
});
