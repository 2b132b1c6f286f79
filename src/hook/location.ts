/**
 * Where the pre-commit hook goes: `core.hooksPath` when set (husky and other managers set it),
 * else `hooks/` in the common git directory (shared by linked worktrees). Relative hooksPath
 * values are relative to the work tree top, as git runs hooks from there.
 */
import { isAbsolute, join, resolve } from "node:path";
import { LeakhoundError } from "../errors.js";
import { runGit, type GitLocation } from "../git/exec.js";
import { findGitDir } from "../sources/worktree.js";

export interface HookLocation {
  /** Directory the hook file goes in. */
  readonly hooksDir: string;
  /** Top of the work tree (where git runs the hook). */
  readonly worktree: string;
}

export async function locateHooks(cwd: string): Promise<HookLocation> {
  const found = await findGitDir(cwd);
  if (!found) throw new LeakhoundError("NOT_A_REPOSITORY", `${cwd} is not inside a git repository (run \`leakhound hook install\` from a clone)`);
  const at: GitLocation = { gitdir: found.gitdir, cwd: found.worktree };
  const hooksPath = await configuredHooksPath(at);
  if (hooksPath !== undefined) return { hooksDir: isAbsolute(hooksPath) ? hooksPath : resolve(found.worktree, hooksPath), worktree: found.worktree };
  const common = (await runGit(at, ["rev-parse", "--git-common-dir"])).stdout.toString("utf8").trim();
  return { hooksDir: join(resolve(found.worktree, common), "hooks"), worktree: found.worktree };
}

/**
 * The repository's own core.hooksPath. runGit pins `-c core.hooksPath=/dev/null` on every call
 * (so scanning never runs a hook); that value has scope "command" and is skipped here.
 */
async function configuredHooksPath(at: GitLocation): Promise<string | undefined> {
  const { stdout } = await runGit(at, ["config", "--show-scope", "--get-all", "core.hooksPath"], { allowFailure: true });
  const values = stdout
    .toString("utf8")
    .split("\n")
    .map((line) => /^(\S+)\t(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[1] !== "command")
    .map((m) => m[2]!);
  const last = values.at(-1);
  return last === undefined || last === "" ? undefined : last.replace(/^~(?=\/)/, process.env["HOME"] ?? "~");
}
