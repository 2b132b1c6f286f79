import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";
import { fakeGithubToken } from "../helpers/tokens.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/worktree/basic", import.meta.url));

/** The planted secrets of fixtures/worktree/basic: path, line, column, rule. */
const PLANTED = [
  "config/app.env:2:14:github-pat",
  "config/aws.ini:3:21:aws-access-key-id",
  "config/aws.ini:4:25:aws-secret-access-key-paired",
  "config/legacy.ini:3:21:aws-access-key-id",
  "src/deploy.py:4:17:private-key-pem",
  "src/deploy.py:12:20:generic-password-quoted",
];

interface JsonReport {
  findings: { path: string; startLine: number; startColumn: number; ruleId: string; secret: string; match: string; redacted: boolean }[];
  notices: unknown[];
}

describe("leakhound scan on the fixture tree", () => {
  it("finds the planted secrets with lines and columns in JSON, redacted by default (exit 1)", async () => {
    const run = await runCli(["scan", FIXTURE, "--format", "json", "--no-gitignore"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings.map((f) => `${f.path}:${f.startLine}:${f.startColumn}:${f.ruleId}`)).toEqual(PLANTED);
    for (const f of report.findings) {
      expect(f.redacted).toBe(true);
      expect(f.secret).toMatch(/^.{0,4}…$/);
    }
    const raw = readFileSync(join(FIXTURE, "config/app.env"), "utf8");
    const token = /ghp_\w+/.exec(raw)![0];
    expect(run.stdout).not.toContain(token);
  });

  it("finds the same secrets in SARIF (regions) and text (grouped by file)", async () => {
    const sarif = await runCli(["scan", FIXTURE, "-f", "sarif", "--no-gitignore"]);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    expect(
      log.runs[0]!.results.map((r) => {
        const { artifactLocation, region } = r.locations[0]!.physicalLocation;
        return `${artifactLocation.uri}:${region.startLine}:${region.startColumn}:${r.ruleId}`;
      }),
    ).toEqual(PLANTED);
    const text = await runCli(["scan", FIXTURE, "--no-gitignore"]);
    expect(text.code).toBe(1);
    for (const planted of PLANTED) {
      const [path, line, column, rule] = planted.split(":");
      expect(text.stdout).toMatch(new RegExp(`^${path}$`, "m"));
      expect(text.stdout).toContain(`${line}:${column}`.padEnd(8) + " ");
      expect(text.stdout).toContain(rule);
    }
    expect(text.stdout).toMatch(/^Scanned 6 files \(.+\) in \d+\.\d\ds: 6 findings \(3 critical, 3 high\)\.$/m);
    expect(text.stdout).not.toContain("\x1b[");
  });

  it("prints secrets only with --show-secrets", async () => {
    const run = await runCli(["scan", FIXTURE, "-f", "json", "--show-secrets", "--no-gitignore"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings.find((f) => f.ruleId === "github-pat")!.secret).toMatch(/^ghp_[0-9A-Za-z]{36}$/);
  });

  it("colours text on a TTY unless NO_COLOR is set", async () => {
    expect((await runCli(["scan", FIXTURE, "--no-gitignore"], { isTTY: true })).stdout).toContain("\x1b[");
    expect((await runCli(["scan", FIXTURE, "--no-gitignore"], { isTTY: true, env: { NO_COLOR: "1" } })).stdout).not.toContain("\x1b[");
  });
});

describe("leakhound scan: inputs, outputs and exit codes", () => {
  it("exits 0 on a clean tree and 1 with findings, whatever --output is", async () => {
    const dir = tempDir();
    dir.write("clean/readme.txt", "hello\n");
    dir.write("dirty/.env", `GITHUB_TOKEN=${fakeGithubToken()}\n`);
    expect((await runCli(["scan", join(dir.path, "clean")])).code).toBe(0);
    const out = join(dir.path, "report.sarif");
    const run = await runCli(["scan", join(dir.path, "dirty"), "-f", "sarif", "-o", out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).runs[0].results).toHaveLength(1);
  });

  it("writes a relative --output path under the CLI's working directory", async () => {
    const dir = tempDir();
    dir.write("src/.env", `GITHUB_TOKEN=${fakeGithubToken()}\n`);
    const run = await runCli(["scan", "src", "-f", "json", "-o", "out.json"], { cwd: dir.path });
    expect(run.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir.path, "out.json"), "utf8")).findings).toHaveLength(1);
  });

  it("scans a single file", async () => {
    const dir = tempDir();
    const file = dir.write("one.env", `\n\nGITHUB_TOKEN=${fakeGithubToken()}\n`);
    const report = JSON.parse((await runCli(["scan", file, "-f", "json"])).stdout) as JsonReport;
    expect(report.findings.map((f) => `${f.path}:${f.startLine}`)).toEqual(["one.env:3"]);
  });

  it("scans standard input under --stdin-name", async () => {
    const run = await runCli(["scan", "--stdin", "--stdin-name", "pasted.env", "-f", "json"], {
      stdin: `x=1\nGITHUB_TOKEN=${fakeGithubToken()}\n`,
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings.map((f) => `${f.path}:${f.startLine}:${f.startColumn}`)).toEqual(["pasted.env:2:14"]);
  });

  it("exits 2 with a clear message for a path that does not exist", async () => {
    const run = await runCli(["scan", "/nonexistent/leakhound-test-dir"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("leakhound: path not found: /nonexistent/leakhound-test-dir (give an existing directory or file)\n");
  });

  it("exits 2 for an unknown --format, naming the allowed ones", async () => {
    const run = await runCli(["scan", ".", "--format", "xml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Allowed choices are text, json, sarif");
  });

  it("exits 2 for a malformed rule file, naming the file and the rule", async () => {
    const dir = tempDir();
    const rules = dir.write(
      "bad.yaml",
      [
        "version: 1",
        "rules:",
        "  - id: broken-rule",
        "    name: Broken",
        "    description: Broken.",
        "    severity: high",
        "    regex: '(?<=x)abc'",
        "    remediation: { summary: s, url: 'https://example.org' }",
        "    examples: [a, b]",
        "    negative: [c, d]",
        "  - id: missing-fields",
        "    name: Missing",
      ].join("\n"),
    );
    const run = await runCli(["scan", dir.path, "--rules", rules]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${rules} (rule missing-fields): /rules/1: missing required key "description"`);
    const regexError = await runCli(["scan", dir.path, "--rules", dir.write("only-regex.yaml", readFileSync(rules, "utf8").split("  - id: missing")[0]!)]);
    expect(regexError.stderr).toMatch(/only-regex\.yaml \(rule broken-rule\): regex: not a valid RE2 pattern/);
    const yaml = await runCli(["scan", dir.path, "--rules", dir.write("notyaml.yaml", "rules: [unclosed")]);
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toMatch(/notyaml\.yaml: not valid YAML/);
  });

  it("documents exit codes in --help", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Exit codes:\n\s+0 +no findings/);
  });
});
