import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../src/config/load.js";
import { rulePackForConfig } from "../../src/config/rule-pack.js";
import { setUpPolicy } from "../../src/config/setup.js";
import { runScan } from "../../src/scan/scan.js";
import { worktreeSource } from "../../src/sources/worktree.js";
import { LeakhoundError } from "../../src/errors.js";
import { randomFrom } from "../helpers/tokens.js";
import { tempDir } from "../helpers/temp.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

describe("gitleaks config import", () => {
  it("maps rules, extend, allowlists, and warns about keys it does not use", async () => {
    const config = await loadConfig({ start: "/", file: fixture("team.gitleaks.toml") });
    expect(config.builtin).toBe(true);
    expect(config.disable).toEqual(["generic-password-unquoted", "no-such-default-rule"]);
    expect(config.rules.map((r) => r.spec.id)).toEqual(["acme-api-key", "acme-jwt-signing-secret"]);
    const acme = config.rules[0]!.spec;
    expect(acme).toMatchObject({ secretGroup: 1, entropy: 3, keywords: ["acme_"], tags: ["gitleaks", "internal", "acme"], severity: "high" });
    expect(config.rules[1]!.spec.path).toBe("(?:^|/)config/[^/]+\\.ya?ml$");
    expect(config.allowlists).toEqual([
      expect.objectContaining({ rules: ["acme-api-key"], condition: "and", pathRegexes: ["^test/"], regexTarget: "line" }),
      expect.objectContaining({ description: "vendored code and documented examples", pathRegexes: ["(?:^|/)vendor/"], stopwords: ["examplekey"] }),
      expect.objectContaining({ rules: ["acme-api-key"], regexes: ["^acme_test0"] }),
    ]);
    expect(config.allowlists[1]!.rules).toBeUndefined();
    expect(config.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/team\.gitleaks\.toml: rules\[1\]\.skipReport is not a gitleaks key leakhound knows/)]);
    const { pack, warnings } = await rulePackForConfig(config);
    const ids = pack.rules.map((r) => r.id);
    expect(ids).toContain("github-pat");
    expect(ids).toContain("acme-api-key");
    expect(ids).not.toContain("generic-password-unquoted");
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining(`disable names rule "no-such-default-rule"`)]);
  });

  it("a standalone config (no [extend]) replaces the built-in pack; legacy single-table allowlists work", async () => {
    const config = await loadConfig({ start: "/", file: fixture("legacy.gitleaks.toml") });
    expect(config.builtin).toBe(false);
    const { pack } = await rulePackForConfig(config);
    expect(pack.rules.map((r) => r.id)).toEqual(["legacy-db-password"]);
    expect(config.allowlists).toEqual([
      expect.objectContaining({ rules: ["legacy-db-password"], regexTarget: "match", regexes: ["@(?:localhost|127\\.0\\.0\\.1)"] }),
      expect.objectContaining({ commits: ["4f5c1e0b9a7d3c2b1a0f9e8d7c6b5a4f3e2d1c0b"], pathRegexes: ["\\.lock$"] }),
    ]);
  });

  it("[extend] path chains configs; an id-only rule adds allowlists to the inherited rule", async () => {
    const config = await loadConfig({ start: "/", file: fixture("extends-child.gitleaks.toml") });
    expect(config.files.map((f) => f.split("/").pop())).toEqual(["extends-base.gitleaks.toml", "extends-child.gitleaks.toml"]);
    expect(config.builtin).toBe(false);
    expect(config.rules.map((r) => r.spec.id)).toEqual(["org-token"]);
    expect(config.allowlists).toEqual([expect.objectContaining({ rules: ["org-token"], regexes: ["^orgtok_SANDBOX"] })]);
  });

  it("rejects wrong types and bad regexes, naming the file, the key path and what was expected", async () => {
    const error = await loadConfig({ start: "/", file: fixture("broken.gitleaks.toml") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeakhoundError);
    const e = error as LeakhoundError;
    expect(e.code).toBe("CONFIG_INVALID");
    expect(e.message).toContain("broken.gitleaks.toml");
    expect(e.details).toEqual([
      "rules[0].entropy: expected a number ≥ 0",
      "rules[0].keywords: expected an array of strings",
      expect.stringMatching(/^rules\[0\]\.regex: not a valid RE2 pattern/),
      'allowlists[0].condition: expected "OR" or "AND"',
      'allowlists[0].regexTarget: expected one of "secret", "match", "line"',
    ]);
  });

  it("scans with the imported rules and allowlists, suppressing (not dropping) allowed findings", async () => {
    const dir = tempDir();
    const key = () => `acme_${randomFrom(LOWER_ALNUM, 32)}`;
    dir.write(".gitleaks.toml", await import("node:fs/promises").then((fs) => fs.readFile(fixture("team.gitleaks.toml"), "utf8")));
    dir.write("src/app.env", `ACME_API_KEY=${key()}\n`);
    dir.write("test/fake.env", `ACME_API_KEY=${key()} # fake key for tests\n`);
    dir.write("test/real.env", `ACME_API_KEY=${key()}\n`);
    dir.write("vendor/lib/config.env", `ACME_API_KEY=${key()}\n`);
    dir.write("docs/sdk.md", `acme_api_key: acme_test0${randomFrom(LOWER_ALNUM, 27)}\n`);
    dir.write("config/service.yaml", `jwt_signing_secret: ${randomFrom(LOWER_ALNUM.toUpperCase() + LOWER_ALNUM, 48)}\n`);
    dir.write("src/service.yaml", `jwt_signing_secret: ${randomFrom(LOWER_ALNUM.toUpperCase() + LOWER_ALNUM, 48)}\n`);
    const setup = await setUpPolicy({ start: dir.path, cwd: dir.path });
    const result = await runScan({
      source: setup.scopeSource(worktreeSource({ path: dir.path })),
      pack: setup.pack,
      filter: setup.policy.filter,
      root: dir.path,
    });
    const summary = result.findings.filter((f) => f.ruleId.startsWith("acme-")).map((f) => `${f.path} ${f.ruleId} ${f.suppression ? "suppressed" : "reported"}`);
    expect(summary).toEqual([
      "config/service.yaml acme-jwt-signing-secret reported",
      "docs/sdk.md acme-api-key suppressed",
      "src/app.env acme-api-key reported",
      "test/fake.env acme-api-key suppressed",
      "test/real.env acme-api-key reported",
      "vendor/lib/config.env acme-api-key suppressed",
    ]);
    expect(result.stats.suppressed).toBe(3);
    expect(result.findings.find((f) => f.path === "vendor/lib/config.env")!.suppression).toEqual({
      kind: "external",
      justification: expect.stringMatching(/^allowlist "vendored code and documented examples" in .*\.gitleaks\.toml$/),
    });
  });
});
