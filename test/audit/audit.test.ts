import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mergeState } from "../../src/audit/merge.js";
import { inShard } from "../../src/audit/shard.js";
import { AuditState } from "../../src/audit/state.js";
import { formatAuditJson } from "../../src/audit/report-json.js";
import { GitFixture } from "../helpers/git-fixture.js";
import { tempDir } from "../helpers/temp.js";
import { fakeAwsKeyId, fakeGithubToken, fakeHex } from "../helpers/tokens.js";
import { auditInto, localEntry, reportOf } from "./helpers/audit-run.js";

const fixtures: GitFixture[] = [];
afterAll(() => fixtures.forEach((f) => f.cleanup()));

function repoWith(files: Record<string, string>): GitFixture {
  const fixture = GitFixture.create();
  fixtures.push(fixture);
  for (const [path, content] of Object.entries(files)) fixture.write(path, content);
  fixture.commit("initial");
  return fixture;
}

/** A fork: a clone sharing all history, plus its own commit. */
function forkOf(origin: GitFixture, files: Record<string, string>): GitFixture {
  const fork = GitFixture.create();
  fixtures.push(fork);
  fork.git("fetch", "--quiet", origin.dir, "main");
  fork.git("reset", "--quiet", "--hard", "FETCH_HEAD");
  for (const [path, content] of Object.entries(files)) fork.write(path, content);
  fork.commit("fork change");
  return fork;
}

describe("audit: incremental scanning", () => {
  const token = fakeGithubToken();
  const origin = repoWith({ "config/app.env": `GITHUB_TOKEN=${token}\n`, "README.md": "hello\n", "src/a.txt": "a\n" });
  const state = tempDir("leakhound-audit-");

  it("scans every blob once, then nothing when no commit was added", async () => {
    const first = await auditInto(state.path, [localEntry("origin", origin.dir)]);
    expect(first.blobsScanned).toBe(3);
    expect(first.newFindings).toBe(1);
    // A local repository whose refs did not move is skipped without any git fetch: its mirror,
    // removed here, is not even recreated.
    rmSync(join(state.path, "mirrors"), { recursive: true });
    const second = await auditInto(state.path, [localEntry("origin", origin.dir)]);
    expect(second).toMatchObject({ blobsScanned: 0, unchanged: 1, newFindings: 0 });
    expect(existsSync(join(state.path, "mirrors"))).toBe(false);
    const report = reportOf(state.path);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: "github-pat", path: "config/app.env", status: "open" });
    expect(report.findings[0]!.preview).not.toContain(token.slice(4));
  });

  it("scans only the blobs a new commit adds", async () => {
    origin.write("src/b.txt", "b\n").write("src/c.txt", `aws = ${fakeAwsKeyId()}\n`);
    origin.commit("two new files");
    const summary = await auditInto(state.path, [localEntry("origin", origin.dir)]);
    expect(summary.blobsScanned).toBe(2);
    expect(summary.unchanged).toBe(0);
  });

  it("does not report a secret again when its file is edited", async () => {
    const before = reportOf(state.path).findings.length;
    origin.write("config/app.env", `${readFileSync(join(origin.dir, "config/app.env"), "utf8")}DEBUG=1\n`).commit("edit the env file");
    const summary = await auditInto(state.path, [localEntry("origin", origin.dir)]);
    expect(summary).toMatchObject({ blobsScanned: 1, newFindings: 0 });
    expect(reportOf(state.path).findings).toHaveLength(before);
  });

  it("keeps triage across later audits", async () => {
    const [finding] = reportOf(state.path).findings.filter((f) => f.ruleId === "github-pat");
    const db = AuditState.open(state.path);
    db.setTriage(finding!.fingerprint, "revoked", "rotated on 2025-05-30", "2025-06-02T00:00:00.000Z");
    db.close();
    origin.write("src/d.txt", "d\n").commit("another");
    await auditInto(state.path, [localEntry("origin", origin.dir)]);
    const after = reportOf(state.path).findings.find((f) => f.fingerprint === finding!.fingerprint);
    expect(after).toMatchObject({ status: "revoked", note: "rotated on 2025-05-30" });
  });
});

describe("audit: cross-repository dedup", () => {
  it("scans a blob shared by a fork once and credits it to both", async () => {
    const origin = repoWith({ "deploy/key.txt": `token: ${fakeGithubToken()}\n`, "lib/x.js": "x()\n" });
    const fork = forkOf(origin, { "lib/y.js": "y()\n" });
    const state = tempDir("leakhound-audit-");
    const summary = await auditInto(state.path, [localEntry("origin", origin.dir), localEntry("fork", fork.dir, true)], { concurrency: 2 });
    // origin: 2 blobs; the fork adds one of its own; the shared two are scanned once in all.
    expect(summary.blobsScanned).toBe(3);
    const findings = reportOf(state.path).findings;
    expect(findings.map((f) => f.repoId).sort()).toEqual([fork.dir, origin.dir].sort());
    const [a, b] = findings;
    expect(a!.fingerprint).toBe(b!.fingerprint);
    expect(a!.commit.sha).toBe(b!.commit.sha);
  });
});

describe("audit: sharding", () => {
  it("four shards merged equal one unsharded audit exactly", async () => {
    const base = repoWith({ "shared/vendor.js": `const k = "${fakeGithubToken()}";\n` });
    const entries = Array.from({ length: 10 }, (_, i) => {
      const repo = i % 3 === 0 ? forkOf(base, { [`own${i}.txt`]: `secret_key = "${fakeHex(40)}"\nAKIA: ${fakeAwsKeyId()}\n` }) : repoWith({ [`f${i}.txt`]: `x${i}\n`, [`k${i}.env`]: `TOKEN=${fakeGithubToken()}\n` });
      return localEntry(`repo${i}`, repo.dir, i % 3 === 0);
    });
    const whole = tempDir("leakhound-audit-");
    await auditInto(whole.path, entries);
    const merged = tempDir("leakhound-audit-");
    const target = AuditState.open(merged.path);
    for (let index = 0; index < 4; index++) {
      const shard = tempDir("leakhound-audit-");
      await auditInto(shard.path, inShard(entries, (e) => e.repo.id, { index, count: 4 }));
      mergeState(target, shard.path);
    }
    target.close();
    const expected = formatAuditJson(reportOf(whole.path));
    expect(reportOf(whole.path).findings.length).toBeGreaterThanOrEqual(10);
    expect(formatAuditJson(reportOf(merged.path))).toBe(expected);
    const shardSizes = [0, 1, 2, 3].map((index) => inShard(entries, (e) => e.repo.id, { index, count: 4 }).length);
    expect(shardSizes.reduce((a, b) => a + b)).toBe(entries.length);
  });
});

describe("audit: mirrors", () => {
  it("keeps bare mirrors and runs no hook when fetching into them", async () => {
    const origin = repoWith({ "a.txt": "a\n" });
    const state = tempDir("leakhound-audit-");
    await auditInto(state.path, [localEntry("origin", origin.dir)]);
    const [mirror] = readdirSync(join(state.path, "mirrors"));
    // A fetch updating refs would run reference-transaction; core.hooksPath=/dev/null must stop it.
    const marker = join(state.path, "hook-ran");
    const hook = join(state.path, "mirrors", mirror!, "hooks", "reference-transaction");
    writeFileSync(hook, `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(hook, 0o755);
    origin.write("b.txt", "b\n").commit("second");
    const summary = await auditInto(state.path, [localEntry("origin", origin.dir)]);
    expect(summary.blobsScanned).toBe(1);
    expect(existsSync(marker)).toBe(false);
    expect(execFileSync("git", ["--git-dir", join(state.path, "mirrors", mirror!), "config", "--bool", "core.bare"], { encoding: "utf8" }).trim()).toBe("true");
  });
});
