import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../helpers/cli.js";

const EXAMPLES = new URL("../../docs/examples/", import.meta.url);

/** Every string in parsed YAML (shell scripts in `run:` and `args:` among them). */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** Every `leakhound audit …` invocation in a shell script, with the flags it uses. */
function auditInvocations(script: string): { sub: string; flags: string[] }[] {
  const joined = script.replace(/\\\n\s*/g, " ");
  return [...joined.matchAll(/leakhound audit( (?:merge|report|triage))?([^;&|\n]*)/g)].map((m) => ({
    sub: (m[1] ?? " run").trim(),
    flags: [...m[2]!.matchAll(/(?:^|\s)(--[a-z-]+)/g)].map((f) => f[1]!),
  }));
}

describe("docs/examples", () => {
  for (const file of ["github-actions-audit.yml", "kubernetes-indexed-job.yaml"]) {
    it(`${file} is valid YAML whose leakhound commands use real flags`, async () => {
      const text = readFileSync(new URL(file, EXAMPLES), "utf8");
      const documents = text.split(/^---$/m).map((doc) => parse(doc) as unknown);
      expect(documents.every((d) => d !== null && typeof d === "object")).toBe(true);
      const invocations = documents.flatMap(strings).flatMap(auditInvocations);
      expect(invocations.map((i) => i.sub)).toEqual(expect.arrayContaining(["run", "merge", "report"]));
      for (const { sub, flags } of invocations) {
        const help = (await runCli(["audit", sub, "--help"])).stdout;
        for (const flag of flags) expect(help, `${sub} ${flag}`).toContain(flag);
      }
    });
  }

  it("the Indexed Job shards by completion index", () => {
    const [, job] = readFileSync(new URL("kubernetes-indexed-job.yaml", EXAMPLES), "utf8").split(/^---$/m).map((d) => parse(d) as { spec: { completionMode?: string; completions?: number } });
    expect(job!.spec).toMatchObject({ completionMode: "Indexed", completions: 4 });
  });
});
