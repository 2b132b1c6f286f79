import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ENTRY = fileURLToPath(new URL("./cli-entry.ts", import.meta.url));
/** tsx's loader by absolute URL, so the child can run from any working directory. */
export const TSX_LOADER = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;

export interface SpawnedRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `leakhound ARGS` in a child process from source. `asUser` runs it as another (unprivileged)
 * user via setpriv — needed because root can read any file, so permission errors need a real user.
 */
export function spawnCli(args: readonly string[], options: SpawnSyncOptions & { asUser?: number } = {}): SpawnedRun {
  const command = [process.execPath, "--import", TSX_LOADER, ENTRY, ...args];
  const argv = options.asUser === undefined
    ? command
    : ["setpriv", `--reuid=${options.asUser}`, `--regid=${options.asUser}`, "--clear-groups", ...command];
  const result = spawnSync(argv[0]!, argv.slice(1), { encoding: "utf8", timeout: 120_000, ...options });
  return { code: result.status, stdout: String(result.stdout ?? ""), stderr: String(result.stderr ?? "") };
}
