/**
 * Compile-once for rule packs. Parsing the rules' YAML and validating it against the schema
 * cost more than compiling the regexes, and a pre-commit hook pays it on every commit. The
 * validated specs are cached as JSON, keyed by a hash of leakhound's version and every rule
 * file's path and text, so any edit to a rule (or an upgrade) misses and re-validates; a hit
 * compiles each rule's regex only when a scan first needs it. The cache is an optimisation: unreadable, corrupt or unwritable
 * cache files are ignored and the pack is loaded the normal way.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import {
  assertNoRuleIssues,
  BUILTIN_RULES_DIR,
  compileRuleSpecs,
  parseRuleFiles,
  readRuleFiles,
  type ParsedRuleFile,
} from "../rules/load.js";
import type { RulePack } from "../rules/pack.js";
import { VERSION } from "../version.js";

/** Bumped when the cached JSON's shape changes, so old entries simply miss. */
const CACHE_FORMAT = 1;

/**
 * Where compiled-pack entries live: `$LEAKHOUND_CACHE_DIR`, else `$XDG_CACHE_HOME/leakhound`,
 * else `~/.cache/leakhound`. `LEAKHOUND_CACHE_DIR=off` disables the cache.
 */
export function packCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env["LEAKHOUND_CACHE_DIR"];
  if (explicit === "off") return undefined;
  if (explicit) return explicit;
  const xdg = env["XDG_CACHE_HOME"];
  return join(xdg || join(homedir(), ".cache"), "leakhound");
}

/** Like `loadRulePack`, but validated specs come from the cache when the rule files are unchanged. */
export async function loadRulePackCached(
  paths: readonly string[] = [BUILTIN_RULES_DIR],
  cacheDir: string | undefined = packCacheDir(),
): Promise<RulePack> {
  const files = await readRuleFiles(paths);
  const hash = createHash("sha256").update(`${CACHE_FORMAT}\0${VERSION}\0`);
  for (const { path, text } of files) hash.update(`${path}\0${text}\0`);
  const entry = cacheDir === undefined ? undefined : join(cacheDir, `rules-${hash.digest("hex").slice(0, 32)}.json`);

  const cached = entry === undefined ? undefined : await readEntry(entry);
  const fromCache = cached && compileCached(cached);
  if (fromCache) return fromCache;
  const parsed = parseRuleFiles(files);
  const compiled = compileRuleSpecs(parsed.files);
  assertNoRuleIssues([...parsed.issues, ...compiled.issues]);
  if (entry !== undefined && cacheDir !== undefined) await writeEntry(cacheDir, entry, parsed.files);
  return compiled.pack;
}

/** The pack from cached specs, or undefined when they no longer compile cleanly (a damaged entry). */
function compileCached(files: readonly ParsedRuleFile[]): RulePack | undefined {
  try {
    const { pack, issues } = compileRuleSpecs(files, { deferRegex: true });
    return issues.length === 0 ? pack : undefined;
  } catch {
    return undefined;
  }
}

async function readEntry(entry: string): Promise<ParsedRuleFile[] | undefined> {
  try {
    const data: unknown = JSON.parse(await readFile(entry, "utf8"));
    return Array.isArray(data) ? (data as ParsedRuleFile[]) : undefined;
  } catch {
    return undefined;
  }
}

async function writeEntry(cacheDir: string, entry: string, files: readonly ParsedRuleFile[]): Promise<void> {
  try {
    await mkdir(cacheDir, { recursive: true });
    // Write-then-rename: a concurrent run reads either the old state (a miss) or the whole entry.
    const temp = `${entry}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(files));
    await rename(temp, entry);
  } catch {
    // Read-only home, full disk: the next run validates again, which is only slower.
  }
}
