import { Option, type Command } from "commander";
import { resolve } from "node:path";
import { loadRulePack, BUILTIN_RULES_DIR } from "../../rules/load.js";
import { formatters, type FormatName } from "../../report/formatter.js";
import { runScan } from "../../scan/scan.js";
import { bytesSource, readAllStdin } from "../../sources/stdin.js";
import { worktreeSource, DEFAULT_MAX_FILE_SIZE } from "../../sources/worktree.js";
import type { Source } from "../../sources/source.js";
import type { Confidence, ScanResult } from "../../types.js";
import { ExitCode, type CliIo } from "../io.js";
import type { ExitSlot } from "../main.js";
import { writeReport, useColor } from "../output.js";
import { parseConfidence, parseSize } from "../parse.js";

export interface ScanCommandOptions {
  readonly stdin?: boolean;
  readonly stdinName: string;
  readonly format: FormatName;
  readonly output?: string;
  readonly showSecrets?: boolean;
  readonly maxFileSize: number;
  readonly gitignore: boolean;
  readonly failOnError?: boolean;
  readonly minConfidence: Confidence;
  readonly rules?: string[];
  readonly verbose?: boolean;
}

interface ScanPlan {
  readonly source: Source;
  readonly root: string;
  readonly vcs?: ScanResult["vcs"];
}

async function planScan(target: string, opts: ScanCommandOptions, io: CliIo): Promise<ScanPlan> {
  if (opts.stdin) {
    const bytes = await readAllStdin(io.stdin);
    return { source: bytesSource(bytes, opts.stdinName), root: io.cwd };
  }
  const root = resolve(io.cwd, target);
  return {
    source: worktreeSource({ path: root, maxFileSize: opts.maxFileSize, gitignore: opts.gitignore }),
    root,
  };
}

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
    .option("--max-file-size <size>", "skip files larger than this (bytes, or 512KB, 10MB)", parseSize, DEFAULT_MAX_FILE_SIZE)
    .option("--no-gitignore", "scan files even when .gitignore / info/exclude ignore them")
    .option("--fail-on-error", "exit 2 when any file could not be read")
    .option("--min-confidence <level>", "report findings at or above this confidence: high, medium, low", parseConfidence, "low")
    .option("--rules <path...>", "rule files or directories to use instead of the built-in pack")
    .option("-v, --verbose", "list skipped files (binary, too large, symlinks) in the text report")
    .action(async (target: string, opts: ScanCommandOptions) => {
      exit.code = await runScanCommand(target, opts, io);
    });
}

export async function runScanCommand(target: string, opts: ScanCommandOptions, io: CliIo): Promise<ExitCode> {
  const pack = await loadRulePack(opts.rules ?? [BUILTIN_RULES_DIR]);
  const plan = await planScan(target, opts, io);
  const result = await runScan({ ...plan, pack, minConfidence: opts.minConfidence });
  const text = formatters[opts.format](result, {
    rules: pack.rules,
    showSecrets: opts.showSecrets === true,
    color: opts.format === "text" && opts.output === undefined && useColor(io),
    verbose: opts.verbose === true,
  });
  await writeReport(text, opts.output, io);
  if (opts.failOnError && result.stats.errors > 0) {
    io.stderr(`leakhound: ${result.stats.errors} file(s) could not be read (--fail-on-error)\n`);
    return ExitCode.Error;
  }
  return result.findings.some((f) => !f.suppression) ? ExitCode.Leaks : ExitCode.Clean;
}
