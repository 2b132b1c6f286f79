/**
 * The one place that starts the `git` binary. Every invocation carries flags and environment
 * that keep the scanned repository from running anything: no hooks, no fsmonitor, no external
 * diff or textconv, no ssh, no system config, no prompts, no optional locks. Nothing here ever
 * checks out or writes to the repository.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { LeakhoundError } from "../errors.js";

const SAFE_CONFIG = [
  "-c", "core.fsmonitor=false",
  "-c", "core.hooksPath=/dev/null",
  "-c", "diff.external=",
  "-c", "core.sshCommand=false",
  "-c", "core.pager=cat",
  "-c", "log.showSignature=false",
];

/**
 * Smaller pack mappings than git's defaults (up to 8 GB, in 1 GB windows): a whole-history read
 * touches every page of every pack, and the mapped pages counted as git's resident memory. On a
 * generated 50,000-commit repository (630 MB of packs), `git log --raw` peaked at 905 MB and
 * `cat-file` at 683 MB; with these, 284 MB and 121 MB, at the same speed.
 */
const MEMORY_CONFIG = [
  "-c", "core.packedGitLimit=128m",
  "-c", "core.packedGitWindowSize=16m",
];

/** Variables that would let the caller's environment redirect git somewhere else or run a program. */
const STRIPPED_ENV = ["GIT_DIR", "GIT_WORK_TREE", "GIT_EXTERNAL_DIFF", "GIT_PAGER", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT"];

function safeEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_CONFIG_NOSYSTEM: "1", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" };
  for (const name of STRIPPED_ENV) delete env[name];
  return env;
}

/** Where git runs: the git directory (always explicit) and a working directory for relative paths. */
export interface GitLocation {
  readonly gitdir: string;
  readonly cwd: string;
}

/** Starts `git <args>` against `at`; the caller owns the streams. */
export function spawnGit(at: GitLocation, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn("git", [...SAFE_CONFIG, ...MEMORY_CONFIG, `--git-dir=${at.gitdir}`, ...args], { cwd: at.cwd, env: safeEnv(), stdio: "pipe" });
}

/** Runs git to completion and returns stdout; a non-zero exit raises GIT_FAILED with git's message. */
export function runGit(at: GitLocation, args: readonly string[], options: { readonly allowFailure?: boolean } = {}): Promise<{ stdout: Buffer; code: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnGit(at, args);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", (e) => reject(gitSpawnError(e)));
    child.on("close", (code) => {
      const exit = code ?? 1;
      if (exit !== 0 && !options.allowFailure) {
        reject(new LeakhoundError("GIT_FAILED", `git ${args[0] ?? ""} failed in ${at.gitdir}: ${Buffer.concat(err).toString("utf8").trim() || `exit code ${exit}`}`));
        return;
      }
      resolvePromise({ stdout: Buffer.concat(out), code: exit });
    });
  });
}

/** Turns a spawn failure into a user-facing error (the usual one: git is not installed). */
export function gitSpawnError(error: Error): LeakhoundError {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    return new LeakhoundError("GIT_NOT_FOUND", "the git program was not found on PATH: install git (leakhound reads history with it)", { cause: error });
  }
  return new LeakhoundError("GIT_FAILED", `could not run git: ${error.message}`, { cause: error });
}

let available: Promise<boolean> | undefined;

/** Whether a working `git` binary is on PATH (checked once per process). */
export function isGitAvailable(): Promise<boolean> {
  available ??= new Promise((resolvePromise) => {
    const child = spawn("git", ["--version"], { env: safeEnv(), stdio: "ignore" });
    child.on("error", () => resolvePromise(false));
    child.on("close", (code) => resolvePromise(code === 0));
  });
  return available;
}
