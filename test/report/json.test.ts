import { Ajv } from "ajv";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { jsonReportSchema } from "../../src/report/json.js";
import { runCli } from "../helpers/cli.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/worktree/basic", import.meta.url));

describe("JSON report", () => {
  it("validates against its versioned schema and is stably ordered", async () => {
    const first = await runCli(["scan", FIXTURE, "--no-gitignore", "-f", "json"]);
    const second = await runCli(["scan", FIXTURE, "--no-gitignore", "-f", "json"]);
    const report = JSON.parse(first.stdout) as { version: number; findings: unknown[]; stats: { durationMs: number } };
    const validate = new Ajv({ strict: false }).compile(jsonReportSchema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.version).toBe(1);
    const withoutTime = (text: string) => text.replace(/"durationMs": \d+/, "");
    expect(withoutTime(first.stdout)).toBe(withoutTime(second.stdout));
  });
});
