/**
 * `.pre-commit-hooks.yaml`: the definition the pre-commit framework reads. With `language: node`
 * pre-commit installs this package and runs `entry` through its `bin`; here the entry runs the
 * same way against repositories built on the fly (leakhound from source standing in for the bin).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { GitFixture } from "../helpers/git-fixture.js";
import { ENTRY, TSX_LOADER } from "../helpers/spawn-cli.js";
import { fakeGithubToken } from "../helpers/tokens.js";

const root = (name: string) => fileURLToPath(new URL(`../../${name}`, import.meta.url));

interface HookDefinition {
  id: string;
  entry: string;
  language: string;
  pass_filenames: boolean;
  stages: string[];
}

const hooks = parseYaml(readFileSync(root(".pre-commit-hooks.yaml"), "utf8")) as HookDefinition[];
const packageJson = JSON.parse(readFileSync(root("package.json"), "utf8")) as { bin: Record<string, string> };

const fixtures: GitFixture[] = [];
afterEach(() => fixtures.splice(0).forEach((f) => f.cleanup()));

/** Runs a hook's entry the way pre-commit does (no file names), in `cwd`. */
function runEntry(hook: HookDefinition, cwd: string): { status: number | null; output: string } {
  const [command, ...args] = hook.entry.split(" ");
  expect(Object.keys(packageJson.bin)).toContain(command);
  const run = spawnSync(process.execPath, ["--import", TSX_LOADER, ENTRY, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe(".pre-commit-hooks.yaml", () => {
  const hook = hooks.find((h) => h.id === "leakhound")!;

  it("defines a node hook on the pre-commit stage that scans the staged changes itself", () => {
    expect(hook).toMatchObject({ language: "node", pass_filenames: false, stages: ["pre-commit"], entry: "leakhound scan --staged" });
  });

  it("its entry blocks staged secrets (exit 1) and passes clean changes (exit 0)", () => {
    const fixture = GitFixture.create();
    fixtures.push(fixture);
    fixture.write("README.md", "# demo\n").commit("initial");
    fixture.write("notes.md", "nothing secret\n").git("add", "notes.md");
    expect(runEntry(hook, fixture.dir).status).toBe(0);
    fixture.write("deploy.env", `GITHUB_TOKEN=${fakeGithubToken()}\n`).git("add", "deploy.env");
    const blocked = runEntry(hook, fixture.dir);
    expect(blocked.status).toBe(1);
    expect(blocked.output).toContain("deploy.env");
    expect(blocked.output).toContain("github-pat");
  });
});
