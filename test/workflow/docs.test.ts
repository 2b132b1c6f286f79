/** The copy-paste snippets of docs/workflow.md and docs/ci/ work as printed. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadConfig } from "../../src/config/load.js";
import { rulePackForConfig } from "../../src/config/rule-pack.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), "utf8");
const guide = read("docs/workflow.md");

/** The fenced blocks of a given language, in order. */
function blocks(language: string): string[] {
  return [...guide.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);
}

describe("docs/workflow.md", () => {
  it("the configuration example loads, and every rule id it names exists", async () => {
    const [example] = blocks("toml");
    const dir = tempDir();
    dir.write(".leakhound.toml", example!);
    const config = await loadConfig({ start: dir.path });
    const { pack, warnings } = await rulePackForConfig(config);
    expect(warnings).toEqual([]);
    expect(pack.rules.map((r) => r.id)).toContain("acme-api-key");
  });

  it("the error example is what leakhound prints", async () => {
    const dir = tempDir();
    dir.write(".leakhound.toml", '[severity]\ngithub-pat = "urgent"\n[[allowlists]]\nregexTarget = "file"\n');
    const run = await runCli(["scan", "."], { cwd: dir.path });
    const printed = blocks("text").find((b) => b.startsWith("leakhound: invalid configuration"))!;
    const expected = printed.replace("/repo/.leakhound.toml", `${dir.path}/.leakhound.toml`).split("\n").filter(Boolean).sort();
    expect(run.stderr.split("\n").filter(Boolean).sort()).toEqual(expected);
    expect(run.code).toBe(2);
  });

  it("the GitHub workflow and pre-commit snippets are valid YAML using this repository's action and hook id", () => {
    const [precommit, workflow] = blocks("yaml").map((b) => parseYaml(b) as Record<string, unknown>);
    expect(JSON.stringify(workflow)).toContain('"uses":"leakhound/leakhound@');
    expect(JSON.stringify(precommit)).toContain('"id":"leakhound"');
  });
});

describe("docs/ci/gitlab-ci.yml", () => {
  it("is a job with full history, the range gate and the SARIF artifact", () => {
    const template = parseYaml(read("docs/ci/gitlab-ci.yml")) as {
      leakhound: { variables: Record<string, string>; script: string[]; artifacts: { when: string; paths: string[] } };
    };
    const job = template.leakhound;
    expect(job.variables["GIT_DEPTH"]).toBe("0");
    const script = job.script.join("\n");
    expect(script).toContain('--range "$base..HEAD"');
    expect(script).toContain("--format sarif --output leakhound.sarif");
    expect(job.artifacts).toMatchObject({ when: "always", paths: ["leakhound.sarif"] });
  });
});
