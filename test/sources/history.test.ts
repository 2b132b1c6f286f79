import { afterEach, describe, expect, it } from "vitest";
import { AUTHOR, GitFixture } from "../helpers/git-fixture.js";
import { fakeGithubToken, fakePem } from "../helpers/tokens.js";
import { BACKENDS, scanGitHistory, summarize } from "../git/history-harness.js";
import { truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { historySource, type HistoryOptions } from "../../src/sources/history.js";

const fixtures: GitFixture[] = [];
function repo(options: { bare?: boolean } = {}): GitFixture {
  const f = GitFixture.create(options);
  fixtures.push(f);
  return f;
}
afterEach(() => {
  for (const f of fixtures.splice(0)) f.cleanup();
});

const line = (token: string): string => `token = "${token}"\n`;

describe("history source: large histories", () => {
  it("announces a whole-history scan of a large repository before walking it, so detection workers start early", async () => {
    const f = repo();
    f.write("README.md", "hello\n").commit("init");
    const first = async (options: Omit<HistoryOptions, "repo">): Promise<string> => {
      for await (const event of historySource({ repo: f.dir, ...options })(new AbortController().signal)) return event.type;
      return "none";
    };
    expect(await first({})).not.toBe("large");
    // A sparse file: the size of a large pack, no disk use (git ignores a pack without its index).
    const pack = join(f.dir, ".git", "objects", "pack", `pack-${"0".repeat(40)}.pack`);
    writeFileSync(pack, "");
    truncateSync(pack, 40 * 1024 * 1024);
    expect(await first({})).toBe("large");
    expect(await first({ maxCommits: 1 })).not.toBe("large");
  });
});

describe.each(BACKENDS)("history source (%s)", (backend) => {
  it("finds a secret added then deleted, attributed to the commit that added it", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("README.md", "hello\n").commit("init");
    f.write("config.txt", `a = 1\n${line(token)}`);
    const added = f.commit("add config");
    f.write("config.txt", "a = 1\n").commit("remove the token");
    const result = await scanGitHistory(f.dir, backend);
    expect(summarize(result)).toEqual([{ path: "config.txt", line: 2, secret: token, commit: added, occurrences: 1 }]);
    const commit = result.findings[0]!.commit!;
    expect(commit).toMatchObject({ author: AUTHOR.name, email: AUTHOR.email, summary: "add config", authorDate: "2024-01-01T00:02:00+00:00" });
    expect(result.stats.commitsScanned).toBe(3);
  });

  it("finds a secret only on an unmerged branch", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("a.txt", "base\n").commit("init");
    f.git("checkout", "--quiet", "-b", "feature");
    f.write("b.txt", line(token));
    const onBranch = f.commit("feature work");
    f.git("checkout", "--quiet", "main");
    expect(summarize(await scanGitHistory(f.dir, backend))).toEqual([{ path: "b.txt", line: 1, secret: token, commit: onBranch, occurrences: 1 }]);
    expect(summarize(await scanGitHistory(f.dir, backend, { refs: ["main"] }))).toEqual([]);
  });

  it("finds a secret reachable only from a tag", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("a.txt", "base\n").commit("init");
    f.git("checkout", "--quiet", "-b", "release");
    f.write("release.txt", line(token));
    const tagged = f.commit("release build");
    f.nextTick().git("tag", "-a", "v1.0", "-m", "v1.0");
    f.git("checkout", "--quiet", "main");
    f.git("branch", "-D", "release");
    expect(summarize(await scanGitHistory(f.dir, backend))).toEqual([{ path: "release.txt", line: 1, secret: token, commit: tagged, occurrences: 1 }]);
  });

  it("finds a secret in a file that was later deleted", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("secrets/dev.env", line(token));
    const added = f.commit("add env");
    f.remove("secrets/dev.env").commit("delete env");
    expect(summarize(await scanGitHistory(f.dir, backend))).toEqual([{ path: "secrets/dev.env", line: 1, secret: token, commit: added, occurrences: 1 }]);
  });

  it("reports a renamed file once, at the path and commit that introduced it, counting the rename", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("old/name.txt", line(token));
    const added = f.commit("add");
    f.move("old/name.txt", "new/name.txt");
    const renamed = f.commit("rename");
    const result = await scanGitHistory(f.dir, backend, { allOccurrences: true });
    expect(summarize(result)).toEqual([{ path: "old/name.txt", line: 1, secret: token, commit: added, occurrences: 2 }]);
    expect(result.findings[0]!.otherLocations).toEqual([{ commit: renamed, path: "new/name.txt" }]);
  });

  it("attributes a secret introduced by a merge resolution to the merge commit", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("app.conf", "key = none\n").commit("init");
    f.git("checkout", "--quiet", "-b", "side");
    f.write("app.conf", "key = side\n").commit("side change");
    f.git("checkout", "--quiet", "main");
    f.write("app.conf", "key = main\n").commit("main change");
    const merge = f.mergeResolving("side", "merge side", { "app.conf": `key = merged\n${line(token)}` });
    expect(summarize(await scanGitHistory(f.dir, backend))).toEqual([{ path: "app.conf", line: 2, secret: token, commit: merge, occurrences: 1 }]);
  });

  it("does not attribute a blob a merge takes unchanged from one side to the merge", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("a.txt", "base\n").commit("init");
    f.git("checkout", "--quiet", "-b", "side");
    f.write("side.txt", line(token));
    const onSide = f.commit("side adds a token");
    f.git("checkout", "--quiet", "main");
    f.write("b.txt", "main\n").commit("main change");
    f.nextTick().git("merge", "--quiet", "--no-ff", "-m", "merge side", "side");
    expect(summarize(await scanGitHistory(f.dir, backend))).toEqual([{ path: "side.txt", line: 1, secret: token, commit: onSide, occurrences: 1 }]);
  });

  it("reads packed and loose objects alike", async () => {
    const f = repo();
    const packed = fakeGithubToken();
    const loose = fakeGithubToken();
    f.write("packed.txt", line(packed)).commit("first");
    f.git("gc", "--quiet", "--aggressive");
    f.write("loose.txt", line(loose)).commit("second");
    const secrets = summarize(await scanGitHistory(f.dir, backend)).map((s) => s.secret);
    expect(secrets).toEqual([loose, packed]);
  });

  it("scans a bare repository", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("a.txt", line(token)).commit("add");
    const bare = f.path("bare.git");
    f.run(f.home, ["clone", "--quiet", "--bare", f.dir, bare]);
    expect(summarize(await scanGitHistory(bare, backend)).map((s) => s.secret)).toEqual([token]);
  });

  it("scans what a shallow clone holds and says the history is truncated", async () => {
    const f = repo();
    const old = fakeGithubToken();
    const recent = fakeGithubToken();
    f.write("old.txt", line(old)).commit("old");
    f.remove("old.txt").commit("drop old");
    f.write("new.txt", line(recent)).commit("new");
    const shallow = f.path("shallow");
    f.run(f.home, ["clone", "--quiet", "--depth", "1", `file://${f.dir}`, shallow]);
    const result = await scanGitHistory(shallow, backend);
    expect(summarize(result).map((s) => s.secret)).toEqual([recent]);
    expect(result.notices.map((n) => n.code)).toContain("SHALLOW_HISTORY");
  });

  it("scans an empty repository without error", async () => {
    const f = repo();
    const result = await scanGitHistory(f.dir, backend);
    expect(result.findings).toEqual([]);
    expect(result.stats).toMatchObject({ commitsScanned: 0, errors: 0 });
  });

  it("includes a detached HEAD's commits", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("a.txt", "base\n").commit("init");
    f.git("checkout", "--quiet", "--detach");
    f.write("detached.txt", line(token));
    const detached = f.commit("on a detached head");
    expect(summarize(await scanGitHistory(f.dir, backend))).toEqual([{ path: "detached.txt", line: 1, secret: token, commit: detached, occurrences: 1 }]);
  });

  it("includes the stash", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("a.txt", "base\n").commit("init");
    f.write("a.txt", `base\n${line(token)}`);
    f.nextTick().git("stash", "--quiet");
    expect(summarize(await scanGitHistory(f.dir, backend)).map((s) => [s.path, s.line, s.secret])).toEqual([["a.txt", 2, token]]);
  });

  it("reports a blob carried unchanged by 100 commits once", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("keys.txt", line(token));
    const first = f.commit("add keys");
    for (let i = 0; i < 100; i++) f.write("counter.txt", `${i}\n`).commit(`commit ${i}`);
    const result = await scanGitHistory(f.dir, backend);
    expect(summarize(result)).toEqual([{ path: "keys.txt", line: 1, secret: token, commit: first, occurrences: 1 }]);
    expect(result.stats.commitsScanned).toBe(101);
    expect(result.stats.filesScanned).toBe(101);
  });

  it("reports a secret in a file edited by 30 later commits once, at the commit that added it", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("settings.py", `${line(token)}DEBUG = 0\n`);
    const added = f.commit("settings");
    for (let i = 1; i <= 30; i++) f.write("settings.py", `# rev ${i}\n${line(token)}DEBUG = ${i}\n`).commit(`edit ${i}`);
    expect(summarize(await scanGitHistory(f.dir, backend))).toEqual([{ path: "settings.py", line: 1, secret: token, commit: added, occurrences: 1 }]);
  });

  it("reports a private key again when a later commit changes one of its lines, keeping the block whole", async () => {
    const f = repo();
    const pem = fakePem("RSA PRIVATE KEY", 900);
    const lines = pem.split("\n");
    f.write("id_rsa", `${"x\n".repeat(30)}${pem}`).commit("key");
    lines[5] = lines[5]!.replace(/^./, (c) => (c === "A" ? "B" : "A"));
    const changed = f.write("id_rsa", `${"x\n".repeat(30)}${lines.join("\n")}`).commit("rotate one line");
    const result = await scanGitHistory(f.dir, backend);
    expect(result.findings.map((x) => [x.commit?.sha === changed, x.start.line, x.end.line]).sort()).toEqual([
      [false, 31, 31 + lines.length - 2],
      [true, 31, 31 + lines.length - 2],
    ]);
  });

  it("scans a blob carried at several paths once and counts every introduction", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("a/key.txt", line(token)).write("b/key.txt", line(token));
    const first = f.commit("two copies");
    f.write("c/key.txt", line(token));
    const third = f.commit("third copy");
    const result = await scanGitHistory(f.dir, backend, { allOccurrences: true });
    expect(summarize(result)).toEqual([{ path: "a/key.txt", line: 1, secret: token, commit: first, occurrences: 3 }]);
    expect(result.findings[0]!.otherLocations).toEqual([
      { commit: first, path: "b/key.txt" },
      { commit: third, path: "c/key.txt" },
    ]);
  });

  it("skips binary blobs, blobs over the size limit and LFS pointers with notices", async () => {
    const f = repo();
    f.write("image.bin", `\0\0${line(fakeGithubToken())}`);
    f.write("big.txt", line(fakeGithubToken()).repeat(50));
    f.write("model.bin", "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a".repeat(64) + "\nsize 1234\n");
    f.commit("assets");
    const result = await scanGitHistory(f.dir, backend, { maxFileSize: 1000 });
    expect(result.findings).toEqual([]);
    expect(result.notices.map((n) => [n.path, n.code])).toEqual([
      ["big.txt", "TOO_LARGE"],
      ["image.bin", "BINARY_SKIPPED"],
      ["model.bin", "LFS_POINTER"],
    ]);
  });

  it("records a submodule without recursing into it", async () => {
    const sub = repo();
    sub.write("lib.txt", line(fakeGithubToken())).commit("lib");
    const f = repo();
    f.write("a.txt", "base\n").commit("init");
    f.git("-c", "protocol.file.allow=always", "submodule", "--quiet", "add", sub.dir, "vendor/lib");
    f.commit("add submodule");
    const result = await scanGitHistory(f.dir, backend);
    expect(result.findings).toEqual([]);
    expect(result.notices.filter((n) => n.code === "SUBMODULE").map((n) => n.path)).toEqual(["vendor/lib"]);
    const recursed = await scanGitHistory(f.dir, backend, { submodules: true });
    expect(summarize(recursed).map((s) => s.path)).toEqual(["vendor/lib/lib.txt"]);
  });

  it("limits to the newest commits and to a date", async () => {
    const f = repo();
    const old = fakeGithubToken();
    const recent = fakeGithubToken();
    f.write("old.txt", line(old)).commit("old");
    f.write("new.txt", line(recent)).commit("new");
    expect(summarize(await scanGitHistory(f.dir, backend, { maxCommits: 1 })).map((s) => s.secret)).toEqual([recent]);
    expect(summarize(await scanGitHistory(f.dir, backend, { since: "2024-01-01T00:01:30Z" })).map((s) => s.secret)).toEqual([recent]);
  });

  it("skips blobs the caller already scanned and reports each blob it reads", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("a.txt", line(token)).write("b.txt", "nothing\n").commit("add");
    const seen: string[] = [];
    const first = await scanGitHistory(f.dir, backend, { onBlob: (b) => seen.push(b.id) });
    expect(first.findings).toHaveLength(1);
    expect(seen).toHaveLength(2);
    const again = await scanGitHistory(f.dir, backend, { skipBlob: (id) => seen.includes(id) });
    expect(again.findings).toEqual([]);
    expect(again.stats.filesScanned).toBe(0);
  });
});

describe.each(BACKENDS)("commit range (%s)", (backend) => {
  it("reports only the lines the range adds, not secrets already on the base", async () => {
    const f = repo();
    const onBase = fakeGithubToken();
    const added = fakeGithubToken();
    f.write("config.txt", `${line(onBase)}x = 1\n`);
    const base = f.commit("base");
    f.git("checkout", "--quiet", "-b", "pr");
    f.write("config.txt", `${line(onBase)}x = 2\n${line(added)}`);
    const change = f.commit("pr change");
    const result = await scanGitHistory(f.dir, backend, { range: { base, head: "pr" } });
    expect(summarize(result)).toEqual([{ path: "config.txt", line: 3, secret: added, commit: change, occurrences: 1 }]);
    expect(result.stats.commitsScanned).toBe(1);
  });

  it("does not report a secret from the base that the range only moves to another path", async () => {
    const f = repo();
    const onBase = fakeGithubToken();
    f.write("old/config.txt", line(onBase));
    const base = f.commit("base");
    f.move("old/config.txt", "new/config.txt");
    f.commit("move");
    expect((await scanGitHistory(f.dir, backend, { range: { base, head: "HEAD" } })).findings).toEqual([]);
    expect(summarize(await scanGitHistory(f.dir, backend)).map((x) => x.occurrences)).toEqual([2]);
  });

  it("refuses a base that is not in the clone with REF_NOT_FOUND", async () => {
    const f = repo();
    f.write("a.txt", "x\n").commit("init");
    await expect(scanGitHistory(f.dir, backend, { range: { base: "origin/main", head: "HEAD" } })).rejects.toMatchObject({ code: "REF_NOT_FOUND" });
  });
});

describe("backends", () => {
  it("agree on a repository with branches, tags, merges, renames and deletions", async () => {
    const f = repo();
    const tokens = Array.from({ length: 6 }, () => fakeGithubToken());
    f.write("a.txt", line(tokens[0]!)).commit("one");
    f.git("checkout", "--quiet", "-b", "side");
    f.write("side/b.txt", line(tokens[1]!)).commit("side");
    f.move("a.txt", "moved/a.txt");
    f.commit("move");
    f.git("checkout", "--quiet", "main");
    f.write("c.txt", line(tokens[2]!)).commit("main");
    f.mergeResolving("side", "merge", { "c.txt": line(tokens[3]!) });
    f.remove("c.txt").commit("delete");
    f.git("checkout", "--quiet", "-b", "tagged");
    f.write("t.txt", line(tokens[4]!)).commit("tagged");
    f.git("tag", "lightweight");
    f.git("checkout", "--quiet", "main");
    f.git("branch", "-D", "tagged");
    f.write("d.txt", `${line(tokens[5]!)}${line(tokens[0]!)}`).commit("last");
    const [cli, iso] = await Promise.all(BACKENDS.map((b) => scanGitHistory(f.dir, b, { allOccurrences: true })));
    expect(cli!.findings.length).toBe(7);
    expect(iso!.findings).toEqual(cli!.findings);
    expect(iso!.stats.commitsScanned).toBe(cli!.stats.commitsScanned);
  });
});
