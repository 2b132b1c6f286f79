import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScan } from "../../src/scan/scan.js";
import { worktreeSource } from "../../src/sources/worktree.js";
import { loadRulePack } from "../../src/rules/load.js";
import type { ScanResult } from "../../src/types.js";
import { tempDir } from "../helpers/temp.js";
import { fakeAwsKeyId, fakeGithubToken } from "../helpers/tokens.js";
import { spawnCli } from "../helpers/spawn-cli.js";

const pack = await loadRulePack();

async function scanDir(path: string, options: { gitignore?: boolean; maxFileSize?: number } = {}): Promise<ScanResult> {
  return runScan({ source: worktreeSource({ path, ...options }), pack, root: path });
}

const where = (r: ScanResult) => r.findings.map((f) => `${f.path}:${f.start.line}:${f.start.column}:${f.ruleId}`);
const noticeOf = (r: ScanResult, path: string) => r.notices.find((n) => n.path === path);

function git(cwd: string, ...args: string[]): void {
  execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    stdio: "ignore",
    env: { ...process.env, GIT_AUTHOR_DATE: "2024-01-01T00:00:00Z", GIT_COMMITTER_DATE: "2024-01-01T00:00:00Z" },
  });
}

describe("worktree source: ignore rules", () => {
  it("honours .gitignore at every level (negations included) and .git/info/exclude, never enters .git", async () => {
    const dir = tempDir();
    const key = fakeAwsKeyId();
    const line = `aws_access_key_id = ${key}\n`;
    git(dir.path, "init", "-q");
    dir.write(".gitignore", "*.log\nbuild/\n");
    dir.write("app.log", line);
    dir.write("build/out.txt", line);
    dir.write("keep.txt", line);
    dir.write("sub/.gitignore", "!important.log\nlocal.txt\n");
    dir.write("sub/important.log", line);
    dir.write("sub/local.txt", line);
    dir.write("sub/deeper/local.txt", line);
    dir.write(".git/info/exclude", "excluded.txt\n");
    dir.write("excluded.txt", line);
    dir.write(".git/secret.txt", line);
    const result = await scanDir(dir.path);
    expect(where(result)).toEqual([
      "keep.txt:1:21:aws-access-key-id",
      "sub/important.log:1:21:aws-access-key-id",
    ]);
    const everything = await scanDir(dir.path, { gitignore: false });
    expect(everything.findings.map((f) => f.path)).toEqual([
      "app.log", "build/out.txt", "excluded.txt", "keep.txt", "sub/deeper/local.txt", "sub/important.log", "sub/local.txt",
    ]);
  });

  it("scans a tracked file even when an ignore pattern matches it", async () => {
    const dir = tempDir();
    git(dir.path, "init", "-q");
    dir.write("config/prod.env", `GITHUB_TOKEN=${fakeGithubToken()}\n`);
    git(dir.path, "add", "config/prod.env");
    git(dir.path, "commit", "-qm", "add config");
    dir.write(".gitignore", "config/\n*.env\n");
    dir.write("config/untracked.env", `GITHUB_TOKEN=${fakeGithubToken()}\n`);
    expect((await scanDir(dir.path)).findings.map((f) => f.path)).toEqual(["config/prod.env"]);
  });
});

describe("worktree source: bad input is reported and the rest is still scanned", () => {
  const secretLine = () => `aws_access_key_id = ${fakeAwsKeyId()}\n`;

  it("skips binary files and files over the size limit, with notices", async () => {
    const dir = tempDir();
    dir.write("ok.txt", secretLine());
    dir.write("image.bin", Buffer.concat([Buffer.from([0x89, 0x50, 0x00, 0x01]), Buffer.from(secretLine())]));
    dir.write("big.txt", secretLine() + "x".repeat(2000));
    const result = await scanDir(dir.path, { maxFileSize: 1000 });
    expect(where(result)).toEqual(["ok.txt:1:21:aws-access-key-id"]);
    expect(noticeOf(result, "image.bin")).toMatchObject({ code: "BINARY_SKIPPED" });
    expect(noticeOf(result, "big.txt")).toMatchObject({ code: "TOO_LARGE" });
    expect(result.stats.filesSkipped).toBe(2);
  });

  it("reports broken symlinks, symlink loops and links out of the root without following them", async () => {
    const outside = tempDir();
    outside.write("secret.txt", secretLine());
    const dir = tempDir();
    dir.write("ok.txt", secretLine());
    symlinkSync(join(dir.path, "missing.txt"), join(dir.path, "broken"));
    symlinkSync(join(dir.path, "loop-b"), join(dir.path, "loop-a"));
    symlinkSync(join(dir.path, "loop-a"), join(dir.path, "loop-b"));
    symlinkSync(join(outside.path, "secret.txt"), join(dir.path, "outside-link"));
    symlinkSync(outside.path, join(dir.path, "outside-dir"));
    symlinkSync(dir.path, join(dir.path, "self-dir"));
    const result = await scanDir(dir.path);
    expect(where(result)).toEqual(["ok.txt:1:21:aws-access-key-id"]);
    expect(noticeOf(result, "broken")).toMatchObject({ code: "BROKEN_SYMLINK" });
    expect(noticeOf(result, "loop-a")).toMatchObject({ code: "SYMLINK_LOOP" });
    expect(noticeOf(result, "outside-link")).toMatchObject({ code: "SYMLINK_OUTSIDE_ROOT" });
    expect(noticeOf(result, "outside-dir")).toMatchObject({ code: "SYMLINK_OUTSIDE_ROOT" });
  });

  it("follows a symlink to a file inside the root", async () => {
    const dir = tempDir();
    dir.write("keys/id.txt", secretLine());
    symlinkSync("keys/id.txt", join(dir.path, "link.txt"));
    expect((await scanDir(dir.path)).findings.map((f) => f.path)).toEqual(["keys/id.txt", "link.txt"]);
  });

  it("reads files whose names are not valid UTF-8", async () => {
    const dir = tempDir();
    dir.write("ok.txt", secretLine());
    writeFileSync(Buffer.concat([Buffer.from(`${dir.path}/bad-`), Buffer.from([0xff, 0xfe]), Buffer.from(".txt")]), secretLine());
    const result = await scanDir(dir.path);
    expect(result.findings.map((f) => f.path)).toEqual(["bad-\uFFFD\uFFFD.txt", "ok.txt"]);
  });

  it("tolerates invalid UTF-8 content, decodes UTF-16 with a BOM, and reports CRLF lines and columns", async () => {
    const dir = tempDir();
    const key = fakeAwsKeyId();
    dir.write("latin1.txt", Buffer.concat([Buffer.from([0xe9, 0xff, 0x0a]), Buffer.from(`id = ${key}\n`)]));
    dir.write("utf16le.txt", Buffer.from(`\ufeffa\r\nid = ${key}\r\n`, "utf16le"));
    const be = Buffer.from(`\ufeffid = ${key}\n`, "utf16le").swap16();
    dir.write("utf16be.txt", be);
    dir.write("crlf.txt", `one\r\ntwo\r\n   id = ${key}\r\n`);
    dir.write("empty.txt", "");
    const result = await scanDir(dir.path);
    expect(where(result)).toEqual([
      "crlf.txt:3:9:aws-access-key-id",
      "latin1.txt:2:6:aws-access-key-id",
      "utf16be.txt:1:6:aws-access-key-id",
      "utf16le.txt:2:6:aws-access-key-id",
    ]);
    expect(result.stats.filesScanned).toBe(5);
  });

  it("scans a 50 MB single-line file in linear time when the limit allows it, and skips it by default", async () => {
    const dir = tempDir();
    const key = fakeAwsKeyId();
    const body = "var a=1;".repeat(6_553_600);
    dir.write("min.js", `${body}k="${key}";${body.slice(0, 1000)}`);
    const skipped = await scanDir(dir.path);
    expect(noticeOf(skipped, "min.js")).toMatchObject({ code: "TOO_LARGE" });
    const started = performance.now();
    const scanned = await scanDir(dir.path, { maxFileSize: 100 * 1024 * 1024 });
    expect(scanned.findings.map((f) => [f.start.line, f.start.column])).toEqual([[1, body.length + 4]]);
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it("reports an unreadable file (permission denied) and still scans the others", () => {
    const dir = tempDir();
    mkdirSync(join(dir.path, "tree"));
    dir.write("tree/ok.txt", secretLine());
    const locked = dir.write("tree/locked.txt", secretLine());
    chmodSync(locked, 0o000);
    chmodSync(dir.path, 0o755);
    const nobody = process.getuid?.() === 0 ? 65534 : undefined;
    const run = spawnCli(["scan", join(dir.path, "tree"), "-f", "json"], { ...(nobody ? { asUser: nobody } : {}) });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { path: string }[]; notices: { path: string; code: string; message: string }[] };
    expect(report.findings.map((f) => f.path)).toEqual(["ok.txt"]);
    expect(report.notices).toEqual([expect.objectContaining({ path: "locked.txt", code: "READ_ERROR", message: expect.stringContaining("permission denied") })]);
    const strict = spawnCli(["scan", join(dir.path, "tree"), "--fail-on-error"], { ...(nobody ? { asUser: nobody } : {}) });
    expect(strict.code).toBe(2);
    expect(strict.stdout).toContain("locked.txt: cannot read file: permission denied");
  });
});
