/**
 * `action.yml`, the composite GitHub Action. Its shape is checked, and its gate step's script runs
 * for real in a shallow clone (as actions/checkout leaves it) of a repository built on the fly:
 * it fetches what the range needs, writes SARIF, and reports leakhound's exit code.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { GitFixture } from "../helpers/git-fixture.js";
import { ENTRY, TSX_LOADER } from "../helpers/spawn-cli.js";
import { fakeGithubToken } from "../helpers/tokens.js";

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

const action = parseYaml(readFileSync(fileURLToPath(new URL("../../action.yml", import.meta.url)), "utf8")) as {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
};
const steps = action.runs.steps;
const gateStep = steps.find((s) => s.id === "gate")!;

const fixtures: GitFixture[] = [];
afterEach(() => fixtures.splice(0).forEach((f) => f.cleanup()));

describe("action.yml", () => {
  it("is a composite action with the documented inputs, uploading SARIF and failing on new findings", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs)).toEqual(["base-ref", "config", "fail-on-findings", "sarif-path", "upload-sarif"]);
    expect(action.inputs["fail-on-findings"]!.default).toBe("true");
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.with).toEqual({ sarif_file: "${{ inputs.sarif-path }}", category: "leakhound" });
    expect(upload?.if).toContain("always()");
    expect(steps.at(-1)!.if).toContain("steps.gate.outputs.exit-code == '1'");
    expect(steps.at(-1)!.run).toContain("exit 1");
  });

  it("passes inputs to scripts only through env (no ${{ }} expansion inside shell code) and calls no network tool", () => {
    for (const step of steps.filter((s) => s.run)) {
      expect(step.run).not.toContain("${{");
      expect(step.run).not.toMatch(/\b(curl|wget|nc)\b|https?:\/\//);
    }
  });

  describe("gate step", () => {
    /** An "origin" with main and a feature branch, and a depth-1 clone of the feature branch. */
    function checkout(featureContent: string): { clone: string; home: string } {
      const origin = GitFixture.create();
      fixtures.push(origin);
      origin.write("README.md", "# demo\n").commit("initial");
      // An old secret on main: outside the range, so the gate must not report it.
      origin.write("src/legacy.ts", `export const legacy = "${fakeGithubToken()}";\n`).commit("second on main");
      origin.git("checkout", "--quiet", "-b", "feature");
      origin.write("src/config.ts", featureContent).commit("feature");
      const clone = origin.path("checkout");
      origin.run(origin.home, ["clone", "--quiet", "--depth", "1", "--branch", "feature", pathToFileURL(origin.dir).href, clone]);
      return { clone, home: origin.home };
    }

    /** A stand-in for the action's checkout: bin/leakhound.js runs leakhound from source. */
    function actionPath(home: string): string {
      const dir = join(home, "action");
      mkdirSync(join(dir, "bin"), { recursive: true });
      writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
      writeFileSync(join(dir, "bin/leakhound.js"), `await import(${JSON.stringify(pathToFileURL(ENTRY).href)});\n`);
      return dir;
    }

    function runGate(clone: string, home: string): { status: number | null; outputs: string; sarif?: { runs: { results: unknown[] }[] } } {
      const outputFile = join(home, "github-output");
      writeFileSync(outputFile, "");
      const run = spawnSync("bash", ["-c", gateStep.run!], {
        cwd: clone,
        encoding: "utf8",
        timeout: 120_000,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          GIT_CONFIG_NOSYSTEM: "1",
          NODE_OPTIONS: `--import ${TSX_LOADER}`,
          ACTION_PATH: actionPath(home),
          INPUT_BASE_REF: "",
          INPUT_CONFIG: "",
          SARIF_PATH: "leakhound.sarif",
          PR_BASE_REF: "main",
          PUSH_BEFORE: "",
          GITHUB_OUTPUT: outputFile,
        },
      });
      expect(run.stderr).not.toMatch(/fatal|unbound variable/);
      const sarifFile = join(clone, "leakhound.sarif");
      return {
        status: run.status,
        outputs: readFileSync(outputFile, "utf8"),
        ...(existsSync(sarifFile) ? { sarif: JSON.parse(readFileSync(sarifFile, "utf8")) as { runs: { results: unknown[] }[] } } : {}),
      };
    }

    it("fetches the base into a shallow checkout, writes SARIF and reports exit code 1 for a new secret", () => {
      const { clone, home } = checkout(`export const token = "${fakeGithubToken()}";\n`);
      expect(execFileSync("git", ["rev-parse", "--is-shallow-repository"], { cwd: clone, encoding: "utf8" }).trim()).toBe("true");
      const gate = runGate(clone, home);
      expect(gate.status).toBe(0);
      expect(gate.outputs).toBe("exit-code=1\n");
      expect(gate.sarif?.runs[0]!.results).toHaveLength(1);
    });

    it("reports exit code 0 when the range adds nothing secret (older commits on main are not re-scanned)", () => {
      const { clone, home } = checkout("export const region = \"eu-west-1\";\n");
      const gate = runGate(clone, home);
      expect(gate.outputs).toBe("exit-code=0\n");
      expect(gate.sarif?.runs[0]!.results).toEqual([]);
    });
  });
});
