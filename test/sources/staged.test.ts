import { afterEach, describe, expect, it } from "vitest";
import { GitFixture } from "../helpers/git-fixture.js";
import { fakeGithubToken } from "../helpers/tokens.js";
import { BACKENDS, scanGitHistory, scanStaged } from "../git/history-harness.js";

const fixtures: GitFixture[] = [];
function repo(): GitFixture {
  const f = GitFixture.create();
  fixtures.push(f);
  return f;
}
afterEach(() => {
  for (const f of fixtures.splice(0)) f.cleanup();
});

const line = (token: string): string => `token = "${token}"\n`;
const found = (result: Awaited<ReturnType<typeof scanStaged>>) => result.findings.map((f) => [f.path, f.start.line, f.secret, f.commit]);

describe.each(BACKENDS)("staged source (%s)", (backend) => {
  it("finds a staged secret on the very first commit (no HEAD yet)", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("notes.txt", `first\nsecond\n${line(token)}`);
    f.git("add", "notes.txt");
    expect(found(await scanStaged(f.dir, backend))).toEqual([["notes.txt", 3, token, undefined]]);
    expect((await scanGitHistory(f.dir, backend)).findings).toEqual([]);
  });

  it("reports only lines the commit adds, with the staged file's line numbers", async () => {
    const f = repo();
    const committed = fakeGithubToken();
    const staged = fakeGithubToken();
    f.write("app.env", `${line(committed)}a = 1\n`).commit("init");
    f.write("app.env", `# header\n${line(committed)}a = 2\n${line(staged)}`);
    f.git("add", "app.env");
    expect(found(await scanStaged(f.dir, backend))).toEqual([["app.env", 4, staged, undefined]]);
  });

  it("scans the index, not the work tree", async () => {
    const f = repo();
    const token = fakeGithubToken();
    f.write("a.txt", "clean\n").commit("init");
    f.write("a.txt", line(token));
    expect((await scanStaged(f.dir, backend)).findings).toEqual([]);
    f.git("add", "a.txt");
    f.write("a.txt", "cleaned after staging\n");
    expect(found(await scanStaged(f.dir, backend))).toEqual([["a.txt", 1, token, undefined]]);
  });

  it("reports nothing when nothing is staged, and skips staged deletions", async () => {
    const f = repo();
    f.write("a.txt", line(fakeGithubToken())).commit("init");
    expect((await scanStaged(f.dir, backend)).findings).toEqual([]);
    f.remove("a.txt");
    expect((await scanStaged(f.dir, backend)).findings).toEqual([]);
  });
});
