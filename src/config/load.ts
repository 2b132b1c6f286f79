/**
 * Finds and loads the configuration: `--config FILE`, or the nearest `.leakhound.toml`,
 * `.leakhound.yaml`/`.yml` or `.gitleaks.toml` from the scanned directory up to the repository
 * root. `extends` chains are followed (cycles are errors) and merged bases-first.
 *
 * Loading reads only the config files themselves — never the repository — so it costs the same
 * in a 10-file and a 100 000-file repository (the pre-commit hook depends on that).
 */
import { stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { LeakhoundError } from "../errors.js";
import { findGitDir } from "../sources/worktree.js";
import { isYamlFile, parseConfigText, readConfigText } from "./document.js";
import { parseGitleaksConfig } from "./gitleaks.js";
import { parseLeakhoundConfig } from "./leakhound-format.js";
import { BUILTIN_PACK, DEFAULT_CONFIG, type ConfigLayer, type ConfigRule, type LeakhoundConfig } from "./types.js";

/** Looked for in this order in each directory; `.leakhound.toml` is the primary, documented format. */
export const CONFIG_FILE_NAMES = [".leakhound.toml", ".leakhound.yaml", ".leakhound.yml", ".gitleaks.toml"] as const;

export interface LoadConfigOptions {
  /** An explicit config file (`--config`); relative paths resolve against `cwd`. */
  readonly file?: string;
  readonly cwd?: string;
  /** Where discovery starts: the scanned directory (or a file's directory). */
  readonly start: string;
}

/** Loads the configuration that applies to a scan of `start`; DEFAULT_CONFIG when there is none. */
export async function loadConfig(options: LoadConfigOptions): Promise<LeakhoundConfig> {
  const file = options.file !== undefined ? resolve(options.cwd ?? process.cwd(), options.file) : await discoverConfigFile(options.start);
  if (file === undefined) return DEFAULT_CONFIG;
  const layers: ConfigLayer[] = [];
  const builtin = await collectLayers(file, [], layers);
  return mergeLayers(layers, builtin);
}

/** The nearest config file from `start` up to the repository root (or just `start` outside a repository). */
export async function discoverConfigFile(start: string): Promise<string | undefined> {
  const dir0 = await directoryOf(start);
  const top = (await findGitDir(dir0))?.worktree ?? dir0;
  for (let dir = dir0; ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
    }
    if (dir === top || dirname(dir) === dir) return undefined;
  }
}

/** `path` itself when it is a directory (or does not exist), else its parent. */
export async function directoryOf(path: string): Promise<string> {
  return (await stat(path).catch(() => undefined))?.isDirectory() === false ? dirname(path) : path;
}

/**
 * gitleaks by name (`.gitleaks.toml`, `gitleaks.toml`, `x.gitleaks.toml`), or a TOML file with
 * gitleaks' own top-level shapes: a `title` string, or an `[extend]` / `[allowlist]` table (a
 * leakhound config with a mistyped `extend = […]` stays a leakhound config and gets an error).
 */
export function isGitleaksConfig(file: string, data: unknown): boolean {
  if (/gitleaks/i.test(basename(file))) return true;
  if (isYamlFile(file) || typeof data !== "object" || data === null) return false;
  const top = data as Record<string, unknown>;
  const isTable = (value: unknown): boolean => typeof value === "object" && value !== null && !Array.isArray(value);
  return typeof top["title"] === "string" || isTable(top["extend"]) || isTable(top["allowlist"]);
}

export async function readConfigLayer(file: string): Promise<ConfigLayer> {
  const data = await parseConfigText(await readConfigText(file), file);
  return isGitleaksConfig(file, data) ? parseGitleaksConfig(data, file) : parseLeakhoundConfig(data, file);
}

/** Depth-first over `extends`, bases before the file itself; returns whether the built-in pack is in. */
async function collectLayers(file: string, chain: readonly string[], out: ConfigLayer[]): Promise<boolean> {
  if (chain.includes(file)) {
    throw new LeakhoundError("CONFIG_INVALID", `config "extends" cycle: ${[...chain, file].join(" → ")} (remove one of these entries)`);
  }
  const layer = await readConfigLayer(file);
  let builtin = false;
  for (const base of layer.extends) {
    if (base === BUILTIN_PACK) builtin = true;
    else if (await collectLayers(base, [...chain, file], out)) builtin = true;
  }
  if (!out.some((l) => l.file === layer.file)) out.push(layer);
  return builtin;
}

/** Later layers win for single values and same-id rules; lists are concatenated. */
export function mergeLayers(layers: readonly ConfigLayer[], builtin: boolean): LeakhoundConfig {
  const rules = new Map<string, ConfigRule>();
  let maxFileSize: number | undefined;
  let baseline: string | undefined;
  for (const layer of layers) {
    for (const rule of layer.rules) rules.set(rule.spec.id, rule);
    maxFileSize = layer.maxFileSize ?? maxFileSize;
    baseline = layer.baseline ?? baseline;
  }
  return {
    files: layers.map((l) => l.file),
    builtin,
    rules: [...rules.values()],
    disable: [...new Set(layers.flatMap((l) => l.disable))],
    severity: Object.assign({}, ...layers.map((l) => l.severity)) as LeakhoundConfig["severity"],
    allowlists: layers.flatMap((l) => l.allowlists),
    ...(maxFileSize !== undefined ? { maxFileSize } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    include: layers.flatMap((l) => l.include),
    exclude: layers.flatMap((l) => l.exclude),
    warnings: layers.flatMap((l) => l.warnings),
  };
}
