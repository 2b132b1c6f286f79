import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { AUTHOR, GitFixture } from "../helpers/git-fixture.js";
import { fakeGithubToken } from "../helpers/tokens.js";
import { TEST_RULE_FILES } from "./test-pack.js";

const fixtures: GitFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.cleanup();
});

const line = (token: string): string => `token = "${token}"\n`;
const rules = ["--rules", ...TEST_RULE_FILES];

/** main with a commit that adds a token and one that removes it; `base` is the first commit. */
function leakyRepo(): { f: GitFixture; token: string; base: string; leak: string } {
  const f = GitFixture.create();
  fixtures.push(f);
  const token = fakeGithubToken();
  const base = f.write("README.md", "hi\n").commit("init");
  const leak = f.write("deploy.sh", `echo deploy\n${line(token)}`).commit("add deploy script");
  f.write("deploy.sh", "echo deploy\n").commit("remove token");
  f.git("remote", "add", "origin", "https://someone:hunter2@example.com/acme/app.git");
  return { f, token, base, leak };
}

describe("leakhound scan --git / --range / --staged", () => {
  it("scans history and prints the short SHA, author and date", async () => {
    const { f, leak } = leakyRepo();
    const run = await runCli(["scan", "--git", ...rules], { cwd: f.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`commit ${leak.slice(0, 10)} by ${AUTHOR.name} on 2024-01-01: add deploy script`);
    expect(run.stdout).toMatch(/Scanned 3 blobs .*, 3 commits/);
  });

  it("takes the repository as the option's value", async () => {
    const { f } = leakyRepo();
    const run = await runCli(["scan", "--git", f.dir, ...rules], { cwd: f.home });
    expect(run.code).toBe(1);
  });

  it("writes SARIF with the commit in properties, a commit-free fingerprint and versionControlProvenance", async () => {
    const { f, leak } = leakyRepo();
    const run = await runCli(["scan", "--git", "-f", "sarif", ...rules], { cwd: f.dir });
    const sarifRun = JSON.parse(run.stdout).runs[0];
    const result = sarifRun.results[0];
    expect(result.properties).toMatchObject({ commit: leak, author: AUTHOR.name, email: AUTHOR.email, commitSummary: "add deploy script", occurrences: 1 });
    expect(result.partialFingerprints["leakhound/v1"]).toMatch(/^[0-9a-f]{32}$/);
    expect(result.properties.fingerprint).not.toContain(leak);
    expect(sarifRun.versionControlProvenance).toEqual([
      { repositoryUri: "https://example.com/acme/app.git", revisionId: f.git("rev-parse", "HEAD"), branch: "main", mappedTo: { uriBaseId: "%SRCROOT%" } },
    ]);
    expect(run.stdout).not.toContain("hunter2");
  });

  it("writes JSON with the commit, occurrences, other locations and vcs", async () => {
    const { f, leak } = leakyRepo();
    f.write("copy.sh", f.git("show", `${leak}:deploy.sh`) + "\n").commit("copy it");
    const run = await runCli(["scan", "--git", "--all-occurrences", "-f", "json", ...rules], { cwd: f.dir });
    const report = JSON.parse(run.stdout);
    expect(report.vcs).toMatchObject({ repositoryUri: "https://example.com/acme/app.git", branch: "main" });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ path: "deploy.sh", startLine: 2, commit: { sha: leak }, occurrences: 2 });
    expect(report.findings[0].otherLocations).toEqual([{ commit: f.git("rev-parse", "HEAD"), path: "copy.sh" }]);
  });

  it("gates a range: only what the range adds", async () => {
    const { f, base, leak } = leakyRepo();
    expect((await runCli(["scan", "--git", "--range", `${leak}..HEAD`, ...rules], { cwd: f.dir })).code).toBe(0);
    expect((await runCli(["scan", "--git", "--range", `${base}..HEAD`, ...rules], { cwd: f.dir })).code).toBe(1);
    expect((await runCli(["scan", "--range", `${base}..`, ...rules], { cwd: f.dir })).code).toBe(1);
  });

  it("exits 2 with fetch instructions when the range's base is missing", async () => {
    const { f } = leakyRepo();
    const run = await runCli(["scan", "--git", "--range", "origin/main..HEAD", ...rules], { cwd: f.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('base revision "origin/main" not found');
    expect(run.stderr).toContain("git fetch");
    expect(run.stderr).toContain("fetch-depth: 0");
  });

  it("exits 2 on a malformed range, an unknown branch, and outside a repository", async () => {
    const { f } = leakyRepo();
    expect((await runCli(["scan", "--git", "--range", "main...HEAD", ...rules], { cwd: f.dir })).code).toBe(2);
    const branch = await runCli(["scan", "--git", "--branch", "nope", ...rules], { cwd: f.dir });
    expect(branch.code).toBe(2);
    expect(branch.stderr).toContain('branch revision "nope" not found');
    const outside = await runCli(["scan", "--git", f.path("missing"), ...rules], { cwd: f.home });
    expect(outside.code).toBe(2);
  });

  it("limits with --branch, --max-commits and --since", async () => {
    const { f } = leakyRepo();
    expect((await runCli(["scan", "--git", "--branch", "main", ...rules], { cwd: f.dir })).code).toBe(1);
    expect((await runCli(["scan", "--git", "--max-commits", "1", ...rules], { cwd: f.dir })).code).toBe(0);
    expect((await runCli(["scan", "--git", "--since", "2024-01-01T00:02:30Z", ...rules], { cwd: f.dir })).code).toBe(0);
    expect((await runCli(["scan", "--git", "--max-commits", "0", ...rules], { cwd: f.dir })).code).toBe(2);
  });

  it("scans staged changes for the pre-commit hook, without a commit", async () => {
    const { f } = leakyRepo();
    const token = fakeGithubToken();
    expect((await runCli(["scan", "--staged", ...rules], { cwd: f.dir })).code).toBe(0);
    f.write("deploy.sh", `echo deploy\necho again\n${line(token)}`);
    f.git("add", "deploy.sh");
    const run = await runCli(["scan", "--staged", "-f", "json", ...rules], { cwd: f.dir });
    expect(run.code).toBe(1);
    const [finding] = JSON.parse(run.stdout).findings;
    expect(finding).toMatchObject({ path: "deploy.sh", startLine: 3 });
    expect(finding.commit).toBeUndefined();
  });
});
