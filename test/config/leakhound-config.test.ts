import { describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { discoverConfigFile, loadConfig } from "../../src/config/load.js";
import { rulePackForConfig } from "../../src/config/rule-pack.js";
import { setUpPolicy } from "../../src/config/setup.js";
import { runScan } from "../../src/scan/scan.js";
import { worktreeSource } from "../../src/sources/worktree.js";
import { LeakhoundError } from "../../src/errors.js";
import { fakeGithubToken } from "../helpers/tokens.js";
import { tempDir } from "../helpers/temp.js";
import { GitFixture } from "../helpers/git-fixture.js";
import { runCli } from "../helpers/cli.js";

const EXTRA_RULE = `
[[rules]]
id = "acme-session-token"
name = "ACME session token"
description = "ACME session token"
severity = "medium"
keywords = ["acmesess_"]
regex = '''acmesess_[A-Za-z0-9]{20}'''
examples = ["token = acmesess_AbCdEfGhIjKlMnOpQrSt"]
negative = ["token = acmesess_short"]
[rules.remediation]
summary = "Revoke the session in the ACME console."
url = "https://acme.example/sessions"
`;

async function configError(promise: Promise<unknown>): Promise<LeakhoundError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeakhoundError);
  return error as LeakhoundError;
}

describe("config discovery", () => {
  it("finds the nearest config from the scanned directory up to the repository root, and no further", async () => {
    const dir = tempDir();
    dir.write(".leakhound.toml", "disable = []\n"); // above the repository: never used
    mkdirSync(join(dir.path, "repo/.git"), { recursive: true });
    dir.write("repo/.leakhound.yaml", "disable: []\n");
    dir.write("repo/.leakhound.toml", "disable = []\n");
    dir.write("repo/pkg/.gitleaks.toml", 'title = "pkg"\n');
    mkdirSync(join(dir.path, "repo/src/deep"), { recursive: true });
    expect(await discoverConfigFile(join(dir.path, "repo/src/deep"))).toBe(join(dir.path, "repo/.leakhound.toml"));
    expect(await discoverConfigFile(join(dir.path, "repo/pkg"))).toBe(join(dir.path, "repo/pkg/.gitleaks.toml"));
    mkdirSync(join(dir.path, "other/.git"), { recursive: true });
    expect(await discoverConfigFile(join(dir.path, "other"))).toBeUndefined();
  });

  it("uses the built-in pack alone when there is no config, and --config overrides discovery", async () => {
    const dir = tempDir();
    dir.write(".leakhound.toml", "disable = [\"github-pat\"]\n");
    dir.write("alt.yaml", "extends: []\n");
    expect((await loadConfig({ start: join(dir.path, "..") + "/nonexistent-dir-for-test" })).files).toEqual([]);
    const alt = await loadConfig({ start: dir.path, cwd: dir.path, file: "alt.yaml" });
    expect(alt.files).toEqual([join(dir.path, "alt.yaml")]);
    expect(alt.builtin).toBe(false);
    const missing = await configError(loadConfig({ start: dir.path, cwd: dir.path, file: "nope.toml" }));
    expect(missing.message).toMatch(/config file not found: .*nope\.toml/);
  });
});

describe("config contents", () => {
  it("extends the built-in pack by default, starts empty with extends = [], and layers other files", async () => {
    const dir = tempDir();
    dir.write("base.toml", `extends = []\nmaxFileSize = "1MB"\nexclude = ["vendor/"]\n${EXTRA_RULE}`);
    dir.write("team.yaml", "extends: [builtin, base.toml]\ndisable: [github-oauth-token]\nseverity:\n  acme-session-token: critical\nmaxFileSize: 2048\n");
    dir.write("empty.toml", "extends = []\n");
    const team = await loadConfig({ start: dir.path, file: join(dir.path, "team.yaml") });
    expect(team.builtin).toBe(true);
    expect(team.files).toEqual([join(dir.path, "base.toml"), join(dir.path, "team.yaml")]);
    expect(team.maxFileSize).toBe(2048);
    expect(team.exclude).toEqual(["vendor/"]);
    const { pack, warnings } = await rulePackForConfig(team);
    const ids = pack.rules.map((r) => r.id);
    expect(ids).toContain("github-pat");
    expect(ids).not.toContain("github-oauth-token");
    expect(pack.rules.find((r) => r.id === "acme-session-token")?.severity).toBe("critical");
    expect(warnings).toEqual([]);
    const empty = await rulePackForConfig(await loadConfig({ start: dir.path, file: join(dir.path, "empty.toml") }));
    expect(empty.pack.rules).toEqual([]);
  });

  it("reports an extends cycle", async () => {
    const dir = tempDir();
    dir.write("a.toml", 'extends = ["b.toml"]\n');
    dir.write("b.toml", 'extends = ["builtin", "a.toml"]\n');
    const error = await configError(loadConfig({ start: dir.path, file: join(dir.path, "a.toml") }));
    expect(error.message).toMatch(/extends" cycle: .*a\.toml → .*b\.toml → .*a\.toml/);
  });

  it("names the file, each key path and what was expected; nothing is half-loaded", async () => {
    const dir = tempDir();
    dir.write(
      ".leakhound.toml",
      [
        'extend = ["builtin"]',
        'maxFileSize = "lots"',
        "[severity]",
        'github-pat = "urgent"',
        "[[allowlists]]",
        'regexTarget = "file"',
        "regexes = ['(?=lookahead)']",
        "paths = [3]",
      ].join("\n"),
    );
    const error = await configError(loadConfig({ start: dir.path }));
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.message).toContain(join(dir.path, ".leakhound.toml"));
    expect(error.details).toEqual(
      expect.arrayContaining([
        'severity.github-pat: expected one of "critical", "high", "medium", "low"',
        'allowlists[0].regexTarget: expected one of "secret", "match", "line"',
        "allowlists[0].paths[0]: expected string",
        "extend: unknown key",
      ]),
    );
    dir.write(".leakhound.toml", "maxFileSize = \"lots\"\n[[allowlists]]\nregexes = ['(?=lookahead)']\n");
    const semantic = await configError(loadConfig({ start: dir.path }));
    expect(semantic.details).toEqual([
      expect.stringMatching(/^maxFileSize: expected a size in bytes or with a unit/),
      expect.stringMatching(/^allowlists\[0\]\.regexes\[0\]: not a valid RE2 pattern/),
    ]);
  });

  it("reports TOML and YAML syntax errors with the line", async () => {
    const dir = tempDir();
    dir.write("bad.toml", 'disable = ["a"\n');
    dir.write("bad.yaml", "disable: [a\n  b: c\n");
    expect((await configError(loadConfig({ start: dir.path, file: join(dir.path, "bad.toml") }))).message).toMatch(/bad\.toml \(line \d+, column \d+\): not valid TOML/);
    expect((await configError(loadConfig({ start: dir.path, file: join(dir.path, "bad.yaml") }))).message).toMatch(/bad\.yaml \(line \d+\): not valid YAML/);
  });

  it("rejects an extra rule whose regex RE2 cannot compile, at the rule's key path", async () => {
    const dir = tempDir();
    dir.write(".leakhound.toml", EXTRA_RULE.replace("acmesess_[A-Za-z0-9]{20}", "(a)\\1"));
    const error = await configError(loadConfig({ start: dir.path }).then(rulePackForConfig));
    expect(error.message).toContain(".leakhound.toml");
    expect(error.details).toEqual([expect.stringMatching(/^rules\[0\]\.regex: not a valid RE2 pattern/)]);
  });

  it("warns about disable / severity entries naming no rule", async () => {
    const dir = tempDir();
    dir.write(".leakhound.toml", 'disable = ["not-a-rule"]\n[severity]\nalso-not-a-rule = "low"\n');
    const { warnings } = await rulePackForConfig(await loadConfig({ start: dir.path }));
    expect(warnings.map((w) => [w.code, w.message.replace(/^.*: /, "")])).toEqual([
      ["CONFIG_WARNING", 'disable names rule "not-a-rule", which is not in the rule pack'],
      ["CONFIG_WARNING", 'severity.also-not-a-rule names rule "also-not-a-rule", which is not in the rule pack'],
    ]);
  });
});

describe("config applied to a scan", () => {
  it("include / exclude / maxFileSize scope the files; allowlists suppress by glob, stopword and line regex", async () => {
    const dir = tempDir();
    dir.write(
      ".leakhound.toml",
      [
        'include = ["src/", "test/"]',
        'exclude = ["src/generated/"]',
        "maxFileSize = 200",
        "[[allowlists]]",
        'description = "test fixtures"',
        'paths = ["test/**/fixtures/**"]',
        "[[allowlists]]",
        'description = "rotated keys"',
        'regexTarget = "line"',
        "regexes = ['ROTATED']",
        'rules = ["github-pat"]',
      ].join("\n"),
    );
    const line = () => `token = "${fakeGithubToken()}"\n`;
    dir.write("src/app.ts", line());
    dir.write("src/old.ts", `token = "${fakeGithubToken()}" // ROTATED 2025-01\n`);
    dir.write("src/generated/client.ts", line());
    dir.write("src/big.ts", line() + "x".repeat(300));
    dir.write("test/unit/fixtures/token.txt", line());
    dir.write("docs/readme.md", line());
    const setup = await setUpPolicy({ start: dir.path, cwd: dir.path });
    const result = await runScan({
      source: setup.scopeSource(worktreeSource({ path: dir.path, maxFileSize: setup.config.maxFileSize!, exclude: setup.config.exclude })),
      pack: setup.pack,
      filter: setup.policy.filter,
      root: dir.path,
    });
    expect(result.findings.map((f) => [f.path, f.suppression?.justification ?? "reported"])).toEqual([
      ["src/app.ts", "reported"],
      ["src/old.ts", expect.stringMatching(/^allowlist "rotated keys" in /)],
      ["test/unit/fixtures/token.txt", expect.stringMatching(/^allowlist "test fixtures" in /)],
    ]);
    expect(result.notices.map((n) => [n.code, n.path])).toEqual([["TOO_LARGE", "src/big.ts"]]);
  });
});

describe("commit allowlists", () => {
  it("suppress history findings introduced by the listed commits (full or abbreviated SHA)", async () => {
    const fixture = GitFixture.create();
    try {
      const reviewed = fixture.write("old.env", `TOKEN=${fakeGithubToken()}\n`).commit("reviewed and revoked");
      fixture.write("new.env", `TOKEN=${fakeGithubToken()}\n`).commit("new");
      fixture.write(".leakhound.toml", `[[allowlists]]\ndescription = "revoked in review"\ncommits = ["${reviewed.slice(0, 10)}"]\n`).commit("config");
      const run = await runCli(["scan", "--git", ".", "--format", "json", "--show-suppressed"], { cwd: fixture.dir });
      const report = JSON.parse(run.stdout) as { findings: { path: string; suppression?: { justification: string } }[] };
      expect(report.findings.map((f) => [f.path, f.suppression?.justification ?? "reported"])).toEqual([
        ["new.env", "reported"],
        ["old.env", expect.stringMatching(/^allowlist "revoked in review"/)],
      ]);
      expect(run.code).toBe(1);
    } finally {
      fixture.cleanup();
    }
  });
});
