import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitFixture } from "../helpers/git-fixture.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";
import { fakeAwsKeyId, fakeGithubToken } from "../helpers/tokens.js";
import { publishBare, startMockHost, type MockHost } from "./helpers/mock-host.js";

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("leakhound audit (CLI, loopback GitHub API and git over HTTP)", () => {
  const apiToken = fakeGithubToken();
  const basicForm = Buffer.from(`x-access-token:${apiToken}`).toString("base64");
  const planted = [fakeGithubToken(), fakeAwsKeyId(), fakeGithubToken()];
  const work = tempDir("leakhound-audit-cli-");
  const fixtures: GitFixture[] = [];
  let host: MockHost;
  const state = join(work.path, "state");
  const env = { LH_TEST_TOKEN: apiToken };
  const base = (): string[] => ["audit", "--github-org", "acme", "--api-url", host.url, "--token-env", "LH_TEST_TOKEN"];

  beforeAll(async () => {
    const repositories = planted.map((secret, i) => {
      const fixture = GitFixture.create();
      fixtures.push(fixture);
      fixture.write(`service${i}/settings.env`, `API_KEY=${secret}\n`).write("README.md", `service ${i}\n`).commit("initial");
      const bareDir = join(work.path, "served", `repo${i}.git`);
      execFileSync("git", ["clone", "--quiet", "--bare", fixture.dir, bareDir]);
      publishBare(bareDir);
      return { name: `repo${i}`, bareDir };
    });
    host = await startMockHost({ owner: "acme", repositories, token: apiToken, pageSize: 2 });
  });
  afterAll(async () => {
    await host.close();
    fixtures.forEach((f) => f.cleanup());
  });

  it("audits the organization over authenticated HTTP and exits 1 on findings", async () => {
    const run = await runCli([...base(), "--state", state, "--concurrency", "2"], { env });
    expect(run.stderr).toContain("3 repositories");
    expect(run.code).toBe(1);
    expect(host.requests.some((r) => r.path.startsWith("/git/repo0.git/info/refs"))).toBe(true);
    expect(host.requests.every((r) => r.authorized)).toBe(true);
    const again = await runCli([...base(), "--state", state], { env });
    expect(again.stderr).toMatch(/3 repositories \(3 unchanged\), 0 blobs/);
    expect(again.code).toBe(1);
  });

  it("never writes the token or a raw secret to logs, state, mirrors or reports", async () => {
    const outputs: string[] = [];
    for (const format of ["sarif", "json", "csv", "html"]) {
      const report = await runCli(["audit", "report", "--state", state, "--format", format], { env });
      expect(report.code).toBe(1);
      outputs.push(report.stdout, report.stderr);
    }
    const logs = await runCli([...base(), "--state", state], { env });
    outputs.push(logs.stdout, logs.stderr);
    const stored = filesUnder(state).map((file) => readFileSync(file).toString("latin1"));
    for (const text of [...outputs, ...stored]) {
      expect(text).not.toContain(apiToken);
      expect(text).not.toContain(basicForm);
      for (const secret of planted) expect(text).not.toContain(secret);
    }
    const mirrors = readdirSync(join(state, "mirrors"));
    expect(mirrors).toHaveLength(3);
    for (const mirror of mirrors) {
      const url = execFileSync("git", ["--git-dir", join(state, "mirrors", mirror), "config", "remote.origin.url"], { encoding: "utf8" }).trim();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/git\/repo\d\.git$/);
    }
  });

  it("exits 2 with a hint when the API rejects a request without the token", async () => {
    const run = await runCli([...base(), "--state", join(work.path, "state-no-token"), "--token-env", "LH_MISSING"], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot list the repositories of GitHub org acme (HTTP 401)");
    expect(run.stderr).toContain("--token-env");
  });

  it("triages a finding; the status shows in reports and survives another audit", async () => {
    const json = JSON.parse((await runCli(["audit", "report", "--state", state, "--format", "json"])).stdout) as { findings: { fingerprint: string; status: string }[] };
    const fingerprint = json.findings[0]!.fingerprint;
    const triage = await runCli(["audit", "triage", fingerprint, "--state", state, "--status", "false-positive", "--note", "test fixture"]);
    expect(triage.code).toBe(0);
    await runCli([...base(), "--state", state], { env });
    const csv = (await runCli(["audit", "report", "--state", state, "--format", "csv"])).stdout;
    expect(csv.split("\r\n").find((line) => line.includes(fingerprint))).toMatch(/,false-positive,.*,test fixture$/);
    const sarif = JSON.parse((await runCli(["audit", "report", "--state", state, "--format", "sarif"])).stdout) as { runs: { results: { suppressions?: unknown[]; properties: { fingerprint: string } }[] }[] };
    expect(sarif.runs).toHaveLength(3);
    const result = sarif.runs.flatMap((r) => r.results).find((r) => r.properties.fingerprint === fingerprint);
    expect(result?.suppressions).toHaveLength(1);
    const unknown = await runCli(["audit", "triage", "nope:0:x", "--state", state, "--status", "revoked"]);
    expect(unknown.code).toBe(2);
    expect((await runCli(["audit", "triage", fingerprint, "--state", state, "--status", "maybe"])).code).toBe(2);
  });

  it("shards with --shard auto/N from JOB_COMPLETION_INDEX and merges the shard states", async () => {
    const shardStates: string[] = [];
    for (let index = 0; index < 2; index++) {
      const dir = join(work.path, `shard${index}`);
      shardStates.push(dir);
      const run = await runCli([...base(), "--state", dir, "--cache", join(work.path, "cache"), "--shard", "auto/2"], { env: { ...env, JOB_COMPLETION_INDEX: String(index) } });
      expect(run.stderr).toMatch(new RegExp(`shard ${index}/2 of 3`));
    }
    const merged = join(work.path, "merged");
    expect((await runCli(["audit", "merge", ...shardStates, "--state", merged])).code).toBe(0);
    const report = JSON.parse((await runCli(["audit", "report", "--state", merged, "--format", "json"])).stdout) as { repositories: unknown[]; findings: unknown[] };
    expect(report.repositories).toHaveLength(3);
    expect(report.findings).toHaveLength(3);
    expect((await runCli([...base(), "--state", merged, "--shard", "auto/2"], { env })).code).toBe(2);
  });
});

describe("leakhound audit skips repositories the host reports as not pushed since", () => {
  it("runs no git for an unchanged pushed_at, and scans only the new blobs after a push", async () => {
    const work = tempDir("leakhound-audit-pushed-");
    const fixture = GitFixture.create();
    fixture.write("app.env", `TOKEN=${fakeGithubToken()}\n`).commit("initial");
    const bareDir = join(work.path, "app.git");
    execFileSync("git", ["clone", "--quiet", "--bare", fixture.dir, bareDir]);
    publishBare(bareDir);
    const served = { name: "app", bareDir, pushedAt: "2025-01-01T00:00:00Z" };
    const host = await startMockHost({ owner: "acme", repositories: [served] });
    try {
      const args = ["audit", "--github-org", "acme", "--api-url", host.url, "--state", join(work.path, "state")];
      const gitRequests = (): number => host.requests.filter((r) => r.path.startsWith("/git/")).length;
      expect((await runCli(args)).stderr).toMatch(/1 blobs \(/);
      const before = gitRequests();
      expect(before).toBeGreaterThan(0);
      expect((await runCli(args)).stderr).toMatch(/\(1 unchanged\), 0 blobs/);
      expect(gitRequests()).toBe(before);

      fixture.write("more.txt", "more\n").commit("second");
      fixture.git("push", "--quiet", bareDir, "main");
      publishBare(bareDir);
      served.pushedAt = "2025-01-02T00:00:00Z";
      expect((await runCli(args)).stderr).toMatch(/\(0 unchanged\), 1 blobs \(/);
      expect(gitRequests()).toBeGreaterThan(before);
    } finally {
      await host.close();
      fixture.cleanup();
    }
  });
});

describe("leakhound audit with a repository that cannot be fetched", () => {
  it("audits the others, names the failure, and exits 2", async () => {
    const work = tempDir("leakhound-audit-fail-");
    const fixture = GitFixture.create();
    fixture.write("a.env", `TOKEN=${fakeGithubToken()}\n`).commit("initial");
    const reposFile = work.write("repos.txt", `${fixture.dir}\n${join(work.path, "missing.git")}\n`);
    const run = await runCli(["audit", "--repos", reposFile, "--state", join(work.path, "state")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing\.git failed: git clone failed/);
    const report = JSON.parse((await runCli(["audit", "report", "--state", join(work.path, "state"), "--format", "json"])).stdout) as { findings: unknown[] };
    expect(report.findings).toHaveLength(1);
    fixture.cleanup();
  });
});
