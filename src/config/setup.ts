/**
 * Everything a scan needs from the repository's policy, assembled once: the configuration, the
 * rule pack it describes, and the suppression policy (config allowlists, `.leakhoundignore` at the
 * repository root, an optional baseline). `scan`, `baseline create` and the pre-commit hook all go
 * through here, so every mode applies the same policy.
 */
import { join, relative, resolve } from "node:path";
import type { RulePack } from "../rules/pack.js";
import type { Source } from "../sources/source.js";
import { findGitDir } from "../sources/worktree.js";
import { readBaseline } from "../suppression/baseline.js";
import { IGNORE_FILE_NAME, readIgnoreFile } from "../suppression/ignore-file.js";
import { filterSourcePaths } from "../suppression/path-filter.js";
import { createSuppressionPolicy, type SuppressionPolicy } from "../suppression/policy.js";
import type { ScanNotice, ScanResult } from "../types.js";
import { directoryOf, loadConfig } from "./load.js";
import { rulePackForConfig } from "./rule-pack.js";
import type { LeakhoundConfig } from "./types.js";

export interface PolicySetupOptions {
  /** The scanned directory or file (config discovery starts here; the ignore file is at its repository root). */
  readonly start: string;
  readonly cwd: string;
  /** `--config FILE`. */
  readonly configFile?: string;
  /** `--rules PATH…`: replaces the built-in pack as the base. */
  readonly rulePaths?: readonly string[];
  /** `--baseline FILE` (else the config's `baseline`); false: no baseline at all (`baseline create`). */
  readonly baselineFile?: string | false;
  /** YYYY-MM-DD (UTC) for ignore-entry expiry; default today. */
  readonly today?: string;
}

export interface PolicySetup {
  readonly config: LeakhoundConfig;
  readonly pack: RulePack;
  readonly policy: SuppressionPolicy;
  /** The directory holding `.leakhoundignore`: the repository root, or the scanned directory. */
  readonly repositoryRoot: string;
  /** Applies the config's include / exclude to any source. */
  scopeSource(source: Source): Source;
  /** The result with config warnings and the policy's closing notices (expired, stale) added. */
  complete(result: ScanResult, reportStale: boolean): ScanResult;
}

export async function setUpPolicy(options: PolicySetupOptions): Promise<PolicySetup> {
  const config = await loadConfig({ start: options.start, cwd: options.cwd, ...(options.configFile !== undefined ? { file: options.configFile } : {}) });
  const { pack, warnings } = await rulePackForConfig(config, options.rulePaths);
  const startDir = await directoryOf(options.start);
  const repositoryRoot = (await findGitDir(startDir))?.worktree ?? startDir;
  const ignoreFile = join(repositoryRoot, IGNORE_FILE_NAME);
  const baselineFile = typeof options.baselineFile === "string" ? resolve(options.cwd, options.baselineFile) : options.baselineFile === false ? undefined : config.baseline;
  const policy = createSuppressionPolicy({
    allowlists: config.allowlists,
    ignoreEntries: await readIgnoreFile(ignoreFile),
    ignoreFileLabel: relative(options.cwd, ignoreFile) || IGNORE_FILE_NAME,
    ...(baselineFile !== undefined ? { baseline: await readBaseline(baselineFile), baselineLabel: relative(options.cwd, baselineFile) || baselineFile } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
  });
  const opening: readonly ScanNotice[] = [...config.warnings, ...warnings];
  return {
    config,
    pack,
    policy,
    repositoryRoot,
    scopeSource: (source) => filterSourcePaths(source, config.include, config.exclude),
    complete(result, reportStale) {
      const added = [...opening, ...policy.closingNotices(reportStale)];
      if (added.length === 0) return result;
      const notices = [...result.notices, ...added].sort((a, b) => cmp(a.path ?? "", b.path ?? "") || cmp(a.code, b.code));
      return { ...result, notices };
    },
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
