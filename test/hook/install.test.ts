import { afterEach, describe, expect, it } from "vitest";
import { existsSync, readFileSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { CHAINED_HOOK_NAME, HOOK_MARKER, hookScript, installHook, uninstallHook } from "../../src/hook/install.js";
import { GitFixture } from "../helpers/git-fixture.js";
import { LeakhoundError } from "../../src/errors.js";

const fixtures: GitFixture[] = [];
afterEach(() => fixtures.splice(0).forEach((f) => f.cleanup()));

function repo(): GitFixture {
  const fixture = GitFixture.create();
  fixtures.push(fixture);
  return fixture;
}

const LAUNCHER = [process.execPath, "/opt/leakhound/bin/leakhound.js"];

describe("leakhound hook install / uninstall", () => {
  it("writes an executable pre-commit hook into .git/hooks that runs scan --staged by absolute path", async () => {
    const fixture = repo();
    const result = await installHook(fixture.dir, { launcher: LAUNCHER });
    expect(result).toEqual({ path: join(fixture.dir, ".git/hooks/pre-commit") });
    const script = readFileSync(result.path, "utf8");
    expect(script.startsWith("#!/bin/sh\n")).toBe(true);
    expect(script).toContain(HOOK_MARKER);
    expect(script).toContain(`'${process.execPath}' '/opt/leakhound/bin/leakhound.js' scan --staged`);
    expect(script).toContain("git commit --no-verify");
    expect(statSync(result.path).mode & 0o111).toBe(0o111);
  });

  it("honours core.hooksPath (relative to the work tree) and works from a subdirectory", async () => {
    const fixture = repo();
    fixture.git("config", "core.hooksPath", ".githooks");
    fixture.write("src/deep/file.txt", "x\n");
    const result = await installHook(join(fixture.dir, "src/deep"), { launcher: LAUNCHER });
    expect(result.path).toBe(join(fixture.dir, ".githooks/pre-commit"));
    expect(existsSync(join(fixture.dir, ".git/hooks/pre-commit"))).toBe(false);
  });

  it("chains an existing hook (it runs first), re-installs idempotently, and uninstall restores it", async () => {
    const fixture = repo();
    const hooks = join(fixture.dir, ".git/hooks");
    const original = "#!/bin/sh\necho lint ran\n";
    writeFileSync(join(hooks, "pre-commit"), original);
    chmodSync(join(hooks, "pre-commit"), 0o755);
    const first = await installHook(fixture.dir, { launcher: LAUNCHER });
    expect(first.chained).toBe(join(hooks, CHAINED_HOOK_NAME));
    expect(readFileSync(join(hooks, CHAINED_HOOK_NAME), "utf8")).toBe(original);
    const again = await installHook(fixture.dir, { launcher: LAUNCHER });
    expect(again).toEqual({ path: join(hooks, "pre-commit") });
    expect(readFileSync(join(hooks, CHAINED_HOOK_NAME), "utf8")).toBe(original);
    expect(await uninstallHook(fixture.dir)).toEqual({ path: join(hooks, "pre-commit"), removed: true, restored: join(hooks, CHAINED_HOOK_NAME) });
    expect(readFileSync(join(hooks, "pre-commit"), "utf8")).toBe(original);
    expect(existsSync(join(hooks, CHAINED_HOOK_NAME))).toBe(false);
    expect((await uninstallHook(fixture.dir)).removed).toBe(false);
  });

  it("--force replaces a foreign hook instead of chaining it", async () => {
    const fixture = repo();
    const hooks = join(fixture.dir, ".git/hooks");
    writeFileSync(join(hooks, "pre-commit"), "#!/bin/sh\nexit 0\n");
    const result = await installHook(fixture.dir, { force: true, launcher: LAUNCHER });
    expect(result.replaced).toBe(true);
    expect(readFileSync(join(hooks, "pre-commit"), "utf8")).toContain(HOOK_MARKER);
    expect(existsSync(join(hooks, CHAINED_HOOK_NAME))).toBe(false);
  });

  it("refuses to clobber a chained hook slot that is already taken, and fails outside a repository", async () => {
    const fixture = repo();
    const hooks = join(fixture.dir, ".git/hooks");
    writeFileSync(join(hooks, "pre-commit"), "#!/bin/sh\nexit 0\n");
    writeFileSync(join(hooks, CHAINED_HOOK_NAME), "#!/bin/sh\nexit 0\n");
    await expect(installHook(fixture.dir, { launcher: LAUNCHER })).rejects.toThrow(/already taken.*--force/);
    await expect(installHook(fixture.home, { launcher: LAUNCHER })).rejects.toBeInstanceOf(LeakhoundError);
  });

  it("quotes launcher paths for the shell", () => {
    expect(hookScript(["/usr/bin/node", "/home/o'brien/leakhound.js"])).toContain(`'/home/o'\\''brien/leakhound.js' scan --staged`);
  });
});
