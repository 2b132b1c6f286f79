/**
 * Runs the git commands of the audit that talk to a remote (mirror clone and fetch). Reading a
 * mirror goes through src/git/exec.ts; this one differs in what it must allow: network transports
 * and a credential header in GIT_CONFIG_* (which exec.ts strips on purpose). Fetched content is
 * never executed: no hooks, no fsmonitor, no credential helpers, no prompts, no checkout.
 */
import { execFile } from "node:child_process";
import { LeakhoundError } from "../errors.js";
import { scrubSecrets, credentialEnv, type GitCredential } from "./credentials.js";

export const REMOTE_GIT_CONFIG = [
  "-c", "core.hooksPath=/dev/null",
  "-c", "core.fsmonitor=false",
  "-c", "credential.helper=",
  "-c", "protocol.allow=user",
  "-c", "protocol.file.allow=always",
  "-c", "protocol.ext.allow=never",
  // Keep commits that refs no longer reach: the next audit excludes them from its walk.
  "-c", "gc.auto=0",
] as const;

export interface GitRunOptions {
  readonly cwd?: string;
  /** Sent as an HTTP auth header through the environment (see credentials.ts). */
  readonly credential?: GitCredential;
}

const MAX_OUTPUT = 512 * 1024 * 1024;

/** Runs `git <args>` and returns stdout; failures become a GIT_FAILED error with credentials scrubbed. */
export function runRemoteGit(args: readonly string[], options: GitRunOptions = {}): Promise<string> {
  const env = {
    ...process.env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "",
    SSH_ASKPASS: "",
    GIT_SSH_COMMAND: process.env["GIT_SSH_COMMAND"] ?? "ssh -o BatchMode=yes",
    ...credentialEnv(options.credential),
  };
  return new Promise((resolvePromise, reject) => {
    execFile(
      "git",
      [...REMOTE_GIT_CONFIG, ...args],
      { cwd: options.cwd, env, maxBuffer: MAX_OUTPUT, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (!error) {
          resolvePromise(stdout);
          return;
        }
        const detail = scrubSecrets(stderr.trim() || error.message, options.credential);
        const code = (error as NodeJS.ErrnoException).code === "ENOENT" ? "GIT_NOT_FOUND" : "GIT_FAILED";
        reject(new LeakhoundError(code, `git ${args[0] ?? ""} failed: ${detail}`, { cause: error }));
      },
    );
  });
}
