/**
 * Without a git binary, history and staged scans fall back to isomorphic-git with a notice.
 * Its own file: whether git is available is decided once per process.
 */
import { afterEach, expect, it } from "vitest";
import { runScan } from "../../src/scan/scan.js";
import { historySource } from "../../src/sources/history.js";
import { GitFixture } from "../helpers/git-fixture.js";
import { fakeGithubToken } from "../helpers/tokens.js";
import { testPack } from "./test-pack.js";

let fixture: GitFixture | undefined;
const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
  fixture?.cleanup();
});

it("scans history with the built-in reader when git is not on PATH, and says so", async () => {
  fixture = GitFixture.create();
  const token = fakeGithubToken();
  fixture.write("a.txt", `token = "${token}"\n`).commit("add");
  process.env.PATH = fixture.path("no-such-bin");
  const result = await runScan({ source: historySource({ repo: fixture.dir }), root: fixture.dir, pack: await testPack() });
  expect(result.findings.map((f) => f.secret)).toEqual([token]);
  expect(result.notices).toEqual([expect.objectContaining({ code: "GIT_ERROR", level: "warning", message: expect.stringContaining("git program was not found") })]);
});
