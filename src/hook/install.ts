/**
 * Installs and removes leakhound's git pre-commit hook.
 *
 * - An existing hook that is not leakhound's is kept: it is renamed to `pre-commit.pre-leakhound`
 *   and the leakhound hook runs it first (its failure still blocks the commit). `force` replaces
 *   it instead. Re-installing over leakhound's own hook just rewrites it.
 * - The hook runs `node <leakhound bin> scan --staged` by absolute path: no npx resolution at
 *   commit time (hook latency); when that node or bin has moved, it falls back to
 *   `npx --no-install leakhound`. On findings (exit 1) it says how to go on, --no-verify included.
 * - Uninstalling removes leakhound's hook and puts a chained hook back in place.
 */
import { chmod, readFile, rename, rm, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LeakhoundError } from "../errors.js";
import { locateHooks } from "./location.js";

/** First comment line of the hook; identifies a hook leakhound wrote. */
export const HOOK_MARKER = "# leakhound pre-commit hook";
export const HOOK_NAME = "pre-commit";
/** Name an existing hook is moved to when leakhound's is chained in front of it. */
export const CHAINED_HOOK_NAME = "pre-commit.pre-leakhound";

/** leakhound's own entry point, next to this module in both src/ and dist/ layouts. */
export const LEAKHOUND_BIN = fileURLToPath(new URL("../../bin/leakhound.js", import.meta.url));

export interface HookInstallOptions {
  /** Replace an existing foreign hook instead of chaining it. */
  readonly force?: boolean;
  /**
   * The argv prefix that runs leakhound (default: this node and leakhound's bin). The hook checks
   * that the first and last entries still exist before using it.
   */
  readonly launcher?: readonly string[];
}

export interface HookInstallResult {
  readonly path: string;
  /** Where an existing hook was moved (it now runs first). */
  readonly chained?: string;
  /** A foreign hook was overwritten (--force). */
  readonly replaced?: boolean;
}

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** The hook script for a launcher argv prefix. */
export function hookScript(launcher: readonly string[]): string {
  const first = launcher[0]!;
  const last = launcher[launcher.length - 1]!;
  return [
    "#!/bin/sh",
    `${HOOK_MARKER}: installed by \`leakhound hook install\`, removed by \`leakhound hook uninstall\`.`,
    "# Blocks commits that add secrets. To commit anyway, once and deliberately: git commit --no-verify",
    'hooks_dir=$(dirname "$0")',
    `if [ -x "$hooks_dir/${CHAINED_HOOK_NAME}" ]; then`,
    `  "$hooks_dir/${CHAINED_HOOK_NAME}" "$@" || exit $?`,
    "fi",
    `if [ -x ${shellQuote(first)} ] && [ -f ${shellQuote(last)} ]; then`,
    `  ${launcher.map(shellQuote).join(" ")} scan --staged`,
    "else",
    "  npx --no-install leakhound scan --staged",
    "fi",
    "status=$?",
    'if [ "$status" -eq 1 ]; then',
    `  echo "leakhound: commit blocked: the staged changes add the secrets listed above. Remove each one (and revoke it), mark a line that holds a test value with a 'leakhound:allow' comment, or accept a finding with 'leakhound ignore add <fingerprint> --reason \"...\"'. To commit anyway, deliberately and once: git commit --no-verify" >&2`,
    "fi",
    'exit "$status"',
    "",
  ].join("\n");
}

async function readIfExists(path: string): Promise<string | undefined> {
  return readFile(path, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return undefined;
    throw new LeakhoundError("USAGE", `cannot read ${path}: ${err.message}`, { cause: err });
  });
}

export async function installHook(cwd: string, options: HookInstallOptions = {}): Promise<HookInstallResult> {
  const { hooksDir } = await locateHooks(cwd);
  await mkdir(hooksDir, { recursive: true });
  const path = join(hooksDir, HOOK_NAME);
  const existing = await readIfExists(path);
  let result: HookInstallResult = { path };
  if (existing !== undefined && !existing.includes(HOOK_MARKER)) {
    if (options.force) {
      result = { path, replaced: true };
    } else {
      const chained = join(hooksDir, CHAINED_HOOK_NAME);
      if ((await readIfExists(chained)) !== undefined) {
        throw new LeakhoundError(
          "USAGE",
          `${path} exists and ${chained} is already taken; merge them by hand, or run \`leakhound hook install --force\` to replace ${path}`,
        );
      }
      await rename(path, chained);
      result = { path, chained };
    }
  }
  await writeFile(path, hookScript(options.launcher ?? [process.execPath, LEAKHOUND_BIN]));
  await chmod(path, 0o755);
  return result;
}

export interface HookUninstallResult {
  readonly path: string;
  readonly removed: boolean;
  /** The chained hook put back as the pre-commit hook. */
  readonly restored?: string;
}

export async function uninstallHook(cwd: string): Promise<HookUninstallResult> {
  const { hooksDir } = await locateHooks(cwd);
  const path = join(hooksDir, HOOK_NAME);
  const existing = await readIfExists(path);
  if (existing === undefined || !existing.includes(HOOK_MARKER)) return { path, removed: false };
  await rm(path);
  const chained = join(hooksDir, CHAINED_HOOK_NAME);
  if ((await readIfExists(chained)) === undefined) return { path, removed: true };
  await rename(chained, path);
  return { path, removed: true, restored: chained };
}
