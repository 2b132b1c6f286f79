import { afterEach, describe, expect, it } from "vitest";
import { runGit } from "../../src/git/exec.js";
import { GitFixture } from "../helpers/git-fixture.js";

const fixtures: GitFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.cleanup();
});

describe("runGit", () => {
  it("runs git with hooks off and small pack mappings, whatever the repository's own config says", async () => {
    const f = GitFixture.create();
    fixtures.push(f);
    f.git("config", "core.hooksPath", ".githooks");
    f.git("config", "core.packedGitLimit", "8g");
    const at = { gitdir: `${f.dir}/.git`, cwd: f.dir };
    const get = async (key: string): Promise<string> => (await runGit(at, ["config", "--get", key])).stdout.toString("utf8").trim();
    expect(await get("core.hooksPath")).toBe("/dev/null");
    expect(await get("core.packedGitLimit")).toBe("128m");
    expect(await get("core.packedGitWindowSize")).toBe("16m");
  });
});
