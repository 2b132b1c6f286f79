import { Option, type Command } from "commander";
import { resolve } from "node:path";
import { setUpPolicy } from "../../config/setup.js";
import type { RulePack } from "../../rules/pack.js";
import { formatters, type FormatName } from "../../report/formatter.js";
import { runScan } from "../../scan/scan.js";
import { bytesSource, readAllStdin } from "../../sources/stdin.js";
import { worktreeSource, DEFAULT_MAX_FILE_SIZE } from "../../sources/worktree.js";
import { historySource } from "../../sources/history.js";
import { stagedSource } from "../../sources/staged.js";
import { openRepository } from "../../git/open.js";
import { repositoryProvenance } from "../../git/provenance.js";
import { parseCommitRange } from "../../git/range.js";
import type { Source } from "../../sources/source.js";
import type { Confidence, NoticeCode, ScanResult } from "../../types.js";
import { ExitCode, type CliIo } from "../io.js";
import type { ExitSlot } from "../main.js";
import { writeReport, useColor } from "../output.js";
import { parseConfidence, parsePositiveInt, parseSize } from "../parse.js";

export interface ScanCommandOptions {
  readonly stdin?: boolean;
  readonly stdinName: string;
  readonly format: FormatName;
  readonly output?: string;
  readonly showSecrets?: boolean;
  /** Unset: the config's `maxFileSize`, else DEFAULT_MAX_FILE_SIZE. */
  readonly maxFileSize?: number;
  readonly gitignore: boolean;
  readonly failOnError?: boolean;
  readonly minConfidence: Confidence;
  readonly rules?: string[];
  readonly verbose?: boolean;
  readonly threads?: number;
  /** `--git [repo]`: true (use the path argument) or the repository. */
  readonly git?: boolean | string;
  readonly range?: string;
  readonly branch?: string[];
  readonly since?: string;
  readonly maxCommits?: number;
  readonly staged?: boolean | string;
  readonly allOccurrences?: boolean;
  readonly submodules?: boolean;
  readonly config?: string;
  /** A baseline file; false applies none, not even the config's (`baseline create`). */
  readonly baseline?: string | false;
  readonly showSuppressed?: boolean;
  readonly reportStaleIgnores?: boolean;
}

/** What the configuration decides about which files a source reads. */
interface ScanScope {
  readonly maxFileSize: number;
  readonly exclude: readonly string[];
}

interface ScanPlan {
  readonly source: Source;
  readonly root: string;
  readonly vcs?: ScanResult["vcs"];
}

async function planScan(target: string, opts: ScanCommandOptions, io: CliIo, scope: ScanScope): Promise<ScanPlan> {
  if (opts.stdin) {
    const bytes = await readAllStdin(io.stdin);
    return { source: bytesSource(bytes, opts.stdinName), root: io.cwd };
  }
  if (opts.staged !== undefined || opts.git !== undefined || opts.range !== undefined) return planGitScan(target, opts, io, scope);
  const root = resolve(io.cwd, target);
  return {
    source: worktreeSource({ path: root, maxFileSize: scope.maxFileSize, gitignore: opts.gitignore, exclude: scope.exclude }),
    root,
  };
}

/** The directory, file or repository scanned: `--staged REPO` / `--git REPO`, else the path argument. */
function scannedPath(target: string, opts: ScanCommandOptions): string {
  return typeof opts.staged === "string" ? opts.staged : typeof opts.git === "string" ? opts.git : target;
}

/** History (`--git`, `--range`) and staged (`--staged`) scans: the repository is the option's value or the path argument. */
async function planGitScan(target: string, opts: ScanCommandOptions, io: CliIo, scope: ScanScope): Promise<ScanPlan> {
  const repoPath = resolve(io.cwd, scannedPath(target, opts));
  const range = opts.range !== undefined ? parseCommitRange(opts.range) : undefined;
  const repo = await openRepository(repoPath);
  const vcs = await repositoryProvenance(repo, range?.head ?? "HEAD").finally(() => repo.backend.close());
  const root = repo.worktree ?? repo.gitdir;
  if (opts.staged !== undefined) return { source: stagedSource({ repo: repoPath, maxFileSize: scope.maxFileSize }), root, vcs };
  const source = historySource({
    repo: repoPath,
    maxFileSize: scope.maxFileSize,
    ...(range ? { range } : {}),
    ...(opts.branch ? { refs: opts.branch } : {}),
    ...(opts.since !== undefined ? { since: opts.since } : {}),
    ...(opts.maxCommits !== undefined ? { maxCommits: opts.maxCommits } : {}),
    ...(opts.allOccurrences ? { allOccurrences: true } : {}),
    ...(opts.submodules ? { submodules: true } : {}),
  });
  return { source, root, vcs };
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function registerScanCommand(program: Command, io: CliIo, exit: ExitSlot): void {
  program
    .command("scan")
    .description("Scan a directory or file (default: the current directory), or standard input.")
    .argument("[path]", "directory or file to scan", ".")
    .option("--stdin", "scan standard input instead of files")
    .option("--stdin-name <name>", "file name to report for --stdin (also used by path-specific rules)", "stdin")
    .addOption(new Option("-f, --format <format>", "report format").choices(Object.keys(formatters)).default("text"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--show-secrets", "print secrets in full (default: redacted in every format)")
    .option("--max-file-size <size>", "skip files larger than this (bytes, or 512KB, 10MB; default: the config's maxFileSize, else 10MB)", parseSize)
    .option("--no-gitignore", "scan files even when .gitignore / info/exclude ignore them")
    .option("--fail-on-error", "exit 2 when any file could not be read")
    .option("--min-confidence <level>", "report findings at or above this confidence: high, medium, low", parseConfidence, "low")
    .option("--rules <path...>", "rule files or directories to use instead of the built-in pack")
    .option("-v, --verbose", "list skipped files (binary, too large, symlinks) in the text report")
    .option("--git [repo]", "scan the whole git history of every ref (each unique blob once) instead of the files")
    .option("--range <base..head>", "with --git: only what commits in BASE..HEAD add (merge gate); BASE must be fetched")
    .option("--branch <ref>", "with --git: only history reachable from this ref (repeatable)", collect)
    .option("--since <date>", "with --git: only commits since this date (e.g. 2024-01-01, \"2 weeks ago\")")
    .option("--max-commits <n>", "with --git: only the newest N commits", parsePositiveInt)
    .option("--all-occurrences", "with --git: list every commit and path that carries each finding's blob")
    .option("--submodules", "with --git: also scan the history of submodules that are checked out")
    .option("--staged [repo]", "scan the staged changes (index vs HEAD): what the next commit adds")
    .option("--threads <n>", "detection threads (default: one per core; 1 = no worker threads)", parsePositiveInt)
    .option("--config <file>", "config file (.leakhound.toml/.yaml or .gitleaks.toml) instead of the one found from the scanned directory up")
    .option("--baseline <file>", "report only findings not recorded in this baseline (see `leakhound baseline create`)")
    .option("--show-suppressed", "also list suppressed findings (inline markers, allowlists, ignore file, baseline)")
    .option("--report-stale-ignores", "report .leakhoundignore entries that match no finding")
    .action(async (target: string, opts: ScanCommandOptions) => {
      exit.code = await runScanCommand(target, opts, io);
    });
}

const POLICY_NOTICES: ReadonlySet<NoticeCode> = new Set(["CONFIG_WARNING", "IGNORE_EXPIRED", "IGNORE_STALE"]);

/**
 * The scan `scan` and `baseline create` share: the repository's config, rule pack and suppression
 * policy (one policy for worktree, staged and history scans), then the source. A broken config
 * throws before anything is read.
 */
export async function collectScan(target: string, opts: ScanCommandOptions, io: CliIo): Promise<{ result: ScanResult; pack: RulePack }> {
  const setup = await setUpPolicy({
    start: opts.stdin ? io.cwd : resolve(io.cwd, scannedPath(target, opts)),
    cwd: io.cwd,
    ...(opts.config !== undefined ? { configFile: opts.config } : {}),
    ...(opts.rules !== undefined ? { rulePaths: opts.rules } : {}),
    ...(opts.baseline !== undefined ? { baselineFile: opts.baseline } : {}),
  });
  const scope = { maxFileSize: opts.maxFileSize ?? setup.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, exclude: setup.config.exclude };
  const plan = await planScan(target, opts, io, scope);
  const result = await runScan({
    ...plan,
    source: setup.scopeSource(plan.source),
    pack: setup.pack,
    minConfidence: opts.minConfidence,
    filter: setup.policy.filter,
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
  });
  return { result: setup.complete(result, opts.reportStaleIgnores === true), pack: setup.pack };
}

export async function runScanCommand(target: string, opts: ScanCommandOptions, io: CliIo): Promise<ExitCode> {
  const { result, pack } = await collectScan(target, opts, io);
  const text = formatters[opts.format](result, {
    rules: pack.rules,
    showSecrets: opts.showSecrets === true,
    showSuppressed: opts.showSuppressed === true,
    color: opts.format === "text" && opts.output === undefined && useColor(io),
    verbose: opts.verbose === true,
  });
  await writeReport(text, opts.output, io);
  // Policy problems concern the user's own files (config, ignore file), whatever the report format.
  for (const n of result.notices) if (POLICY_NOTICES.has(n.code)) io.stderr(`leakhound: ${n.level}: ${n.message}\n`);
  if (opts.failOnError && result.stats.errors > 0) {
    io.stderr(`leakhound: ${result.stats.errors} file(s) could not be read (--fail-on-error)\n`);
    return ExitCode.Error;
  }
  return result.findings.some((f) => !f.suppression) ? ExitCode.Leaks : ExitCode.Clean;
}
