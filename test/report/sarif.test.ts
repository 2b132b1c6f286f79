import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildSarifLog, pathToUri } from "../../src/report/sarif.js";
import { formatters } from "../../src/report/formatter.js";
import { loadRulePack } from "../../src/rules/load.js";
import type { Finding, ScanResult } from "../../src/types.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";

const MULTITOOL = fileURLToPath(new URL("../../node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool", import.meta.url));
const FIXTURE = fileURLToPath(new URL("../../fixtures/worktree/basic", import.meta.url));
const pack = await loadRulePack();

/** Runs Microsoft's validator with the SARIF and GitHub ingestion rules; returns its error/warning lines. */
function validate(file: string): string[] {
  const output = execFileSync(MULTITOOL, ["validate", "--rule-kind", "Sarif;Gh", file], { encoding: "utf8", timeout: 230_000 });
  expect(output).toContain("Analysis completed successfully");
  return output.split("\n").filter((line) => /: (error|warning) /.test(line));
}

const commitFinding: Finding = {
  ruleId: "github-pat",
  description: "A classic GitHub personal access token.",
  severity: "critical",
  confidence: "high",
  path: "dir with space/ünïcode#1.env",
  start: { line: 3, column: 5 },
  end: { line: 3, column: 45 },
  secret: "ghp_000000000000000000000000000000000000",
  match: "ghp_000000000000000000000000000000000000",
  entropy: 0.5,
  secretHash: "0123456789abcdef0123456789abcdef",
  fingerprint: "github-pat:0123456789abcdef0123456789abcdef:dir with space/ünïcode#1.env",
  commit: {
    sha: "1111111111111111111111111111111111111111",
    author: "Dev",
    email: "dev@example.com",
    authorDate: "2024-01-01T00:00:00Z",
    commitDate: "2024-01-02T00:00:00Z",
    summary: "add config",
  },
  occurrences: 3,
  suppression: { kind: "external", justification: "test key" },
};

const historyResult: ScanResult = {
  findings: [commitFinding],
  notices: [
    { level: "warning", code: "BROKEN_SYMLINK", path: "link", message: "broken symbolic link" },
    { level: "error", code: "READ_ERROR", path: "locked.txt", message: "cannot read file: permission denied" },
    { level: "note", code: "SHALLOW_HISTORY", message: "history is truncated (shallow clone)" },
  ],
  stats: { filesScanned: 1, bytesScanned: 10, filesSkipped: 1, errors: 1, durationMs: 5, suppressed: 1, commitsScanned: 2 },
  root: "/tmp/repo",
  vcs: { repositoryUri: "https://github.com/example/repo", revision: "1111111111111111111111111111111111111111", branch: "main" },
};

describe.skipIf(!existsSync(MULTITOOL))("SARIF passes Microsoft's validator (Sarif;Gh rules)", () => {
  it("for the fixture scan", async () => {
    const dir = tempDir();
    const file = join(dir.path, "fixture.sarif");
    const run = await runCli(["scan", FIXTURE, "--no-gitignore", "-f", "sarif", "-o", file]);
    expect(run.code).toBe(1);
    expect(validate(file)).toEqual([]);
  }, 240_000);

  it("for history findings with notices, suppressions, provenance and URIs that need encoding", () => {
    const dir = tempDir();
    const file = join(dir.path, "history.sarif");
    // Only the rule that fires: the validator takes ~50 s on the whole pack, once (above) is enough.
    const rules = pack.rules.filter((r) => r.id === commitFinding.ruleId);
    writeFileSync(file, formatters.sarif(historyResult, { rules }));
    expect(validate(file)).toEqual([]);
  }, 240_000);
});

describe("SARIF content", () => {
  const log = buildSarifLog(historyResult, { rules: pack.rules });
  const run = log.runs[0]!;
  const result = run.results![0]!;

  it("lists every rule with help, tags and security-severity", () => {
    expect(run.tool.driver.rules).toHaveLength(pack.rules.length);
    const rule = run.tool.driver.rules!.find((r) => r.id === "github-pat")!;
    expect(rule.help?.markdown).toContain("https://docs.github.com/");
    expect(rule.properties?.tags).toContain("security");
    expect(rule.properties?.["security-severity"]).toBe("9.5");
    expect(result.ruleIndex).toBe(pack.rules.findIndex((r) => r.id === "github-pat"));
  });

  it("uses repository-relative, percent-encoded URIs, the stable fingerprint, commit properties and suppressions", () => {
    const location = result.locations![0]!.physicalLocation!;
    expect(location.artifactLocation).toEqual({ uri: "dir%20with%20space/%C3%BCn%C3%AFcode%231.env", uriBaseId: "%SRCROOT%" });
    expect(pathToUri("a/b c")).toBe("a/b%20c");
    expect(result.partialFingerprints?.["leakhound/v1"]).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(result.partialFingerprints)).not.toContain("1111111");
    expect(result.properties).toMatchObject({ commit: commitFinding.commit!.sha, author: "Dev", authorDate: "2024-01-01T00:00:00Z" });
    expect(result.suppressions).toEqual([{ kind: "external", justification: "test key" }]);
    expect(run.versionControlProvenance?.[0]).toMatchObject({ repositoryUri: "https://github.com/example/repo", branch: "main" });
    expect(run.invocations![0]!.toolExecutionNotifications).toHaveLength(3);
  });

  it("redacts the secret unless asked", () => {
    expect(JSON.stringify(log)).not.toContain(commitFinding.secret);
    expect(JSON.stringify(buildSarifLog(historyResult, { rules: pack.rules, showSecrets: true }))).toContain(commitFinding.secret);
  });
});
