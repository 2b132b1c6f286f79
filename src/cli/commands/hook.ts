import type { Command } from "commander";
import { installHook, uninstallHook } from "../../hook/install.js";
import type { CliIo } from "../io.js";

/** `leakhound hook install|uninstall`: the git pre-commit hook that runs `scan --staged`. */
export function registerHookCommand(program: Command, io: CliIo): void {
  const hook = program.command("hook").description("Install or remove the git pre-commit hook (honours core.hooksPath).");
  hook
    .command("install")
    .description("Write a pre-commit hook that blocks commits adding secrets; an existing hook is kept and run first.")
    .option("--force", "replace an existing pre-commit hook instead of chaining it")
    .action(async (opts: { force?: boolean }) => {
      const result = await installHook(io.cwd, { force: opts.force === true });
      io.stdout(
        `Installed the leakhound pre-commit hook at ${result.path}.\n` +
          (result.chained ? `The existing hook was moved to ${result.chained} and runs first.\n` : "") +
          (result.replaced ? "The existing hook was replaced (--force).\n" : "") +
          "Commits that add secrets are now blocked; `git commit --no-verify` bypasses the hook once.\n",
      );
    });
  hook
    .command("uninstall")
    .description("Remove leakhound's pre-commit hook (and put a chained hook back).")
    .action(async () => {
      const result = await uninstallHook(io.cwd);
      io.stdout(
        !result.removed
          ? `No leakhound hook at ${result.path}; nothing to do.\n`
          : `Removed the leakhound pre-commit hook${result.restored ? `; restored the previous hook from ${result.restored}` : ""}.\n`,
      );
    });
}
