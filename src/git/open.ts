/**
 * Finds a repository (normal, bare, worktree or submodule) and picks the backend: the git CLI
 * when it is installed, isomorphic-git otherwise (or when asked for, e.g. by tests).
 */
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { LeakhoundError } from "../errors.js";
import { findGitDir } from "../sources/worktree.js";
import type { GitBackend } from "./backend.js";
import { cliBackend } from "./cli-backend.js";
import { isGitAvailable } from "./exec.js";

export type BackendChoice = "auto" | "git-cli" | "isomorphic-git";

export interface Repository {
  readonly gitdir: string;
  /** The work tree top; undefined for a bare repository. */
  readonly worktree?: string;
  readonly shallow: boolean;
  readonly backend: GitBackend;
  /** Set when the fast backend was wanted but git is missing. */
  readonly fallbackReason?: string;
}

export async function openRepository(path: string, choice: BackendChoice = "auto"): Promise<Repository> {
  const target = resolve(path);
  if (!(await exists(target))) {
    throw new LeakhoundError("PATH_NOT_FOUND", `path not found: ${path} (give the repository's directory)`);
  }
  const location = (await bareLocation(target)) ?? (await findGitDir(target));
  if (!location) {
    throw new LeakhoundError("NOT_A_REPOSITORY", `${path} is not inside a git repository (run "git init", or give the repository's path: leakhound scan --git <repo>)`);
  }
  const shallow = await exists(join(location.gitdir, "shallow"));
  const cwd = location.worktree ?? location.gitdir;
  const useCli = choice === "git-cli" || (choice === "auto" && (await isGitAvailable()));
  // isomorphic-git is loaded only when it is used: most machines have git.
  const backend = useCli ? cliBackend({ gitdir: location.gitdir, cwd }) : (await import("./iso-backend.js")).isoBackend(location.gitdir);
  return {
    gitdir: location.gitdir,
    ...(location.worktree ? { worktree: location.worktree } : {}),
    shallow,
    backend,
    ...(choice === "auto" && !useCli ? { fallbackReason: "the git program was not found on PATH; reading history with the built-in reader (correct, but much slower)" } : {}),
  };
}

/** A bare repository (or a .git directory given directly): HEAD, objects/ and refs/ at the top. */
async function bareLocation(dir: string): Promise<{ gitdir: string; worktree?: string } | undefined> {
  const looksBare = (await exists(join(dir, "HEAD"))) && (await exists(join(dir, "objects"))) && (await exists(join(dir, "refs")));
  return looksBare ? { gitdir: dir } : undefined;
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}
