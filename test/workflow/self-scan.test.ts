/**
 * The README's quick start on leakhound's own repository: `npx leakhound scan .` on a fresh clone
 * exits 0, and so does a scan of its full history. The repository's `.leakhound.toml` allowlists
 * the rule examples and test fixtures (suppressed, not hidden: they are still counted).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const PROJECT = fileURLToPath(new URL("../../", import.meta.url));
const home = mkdtempSync(join(tmpdir(), "leakhound-self-"));
const clone = join(home, "leakhound");
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe.skipIf(!existsSync(join(PROJECT, ".git")))("leakhound on its own repository", () => {
  it("a fresh clone scans clean (exit 0), with the fixtures and rule examples counted as suppressed", async () => {
    execFileSync("git", ["clone", "--quiet", "--no-hardlinks", PROJECT, clone], { env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: "1", HOME: home } });
    const run = await runCli(["scan", "."], { cwd: clone });
    expect(run.stdout).toMatch(/: 0 findings; \d+ suppressed/);
    expect(run.code).toBe(0);
  });

  it("and so does its full history", async () => {
    const run = await runCli(["scan", "--git", "."], { cwd: clone });
    expect(run.stdout).toMatch(/: 0 findings; \d+ suppressed/);
    expect(run.code).toBe(0);
  });
});
