import type { Command } from "commander";
import { relative, resolve } from "node:path";
import { DEFAULT_BASELINE_FILE, writeBaseline } from "../../suppression/baseline.js";
import type { CliIo } from "../io.js";
import { collectScan } from "./scan.js";

interface BaselineCreateOptions {
  readonly output: string;
  readonly config?: string;
  readonly rules?: string[];
  readonly gitignore: boolean;
  readonly git?: boolean;
}

/** `leakhound baseline create`: records today's findings so only new ones block from now on. */
export function registerBaselineCommand(program: Command, io: CliIo): void {
  const baseline = program.command("baseline").description("Adopt leakhound on a repository with existing findings: only new ones are reported.");
  baseline
    .command("create")
    .description(`Scan like \`leakhound scan\` and write the findings' fingerprints (no secrets, no line numbers, sorted) to a baseline file; then use \`leakhound scan --baseline FILE\`.`)
    .argument("[path]", "directory, file or (with --git) repository to scan", ".")
    .option("-o, --output <file>", "baseline file to write", DEFAULT_BASELINE_FILE)
    .option("--config <file>", "config file instead of the one found from the scanned directory up")
    .option("--rules <path...>", "rule files or directories to use instead of the built-in pack")
    .option("--no-gitignore", "scan files even when .gitignore / info/exclude ignore them")
    .option("--git", "record the findings of the whole git history instead of the working tree")
    .action(async (target: string, opts: BaselineCreateOptions) => {
      const { result } = await collectScan(
        target,
        {
          stdinName: "stdin",
          format: "text",
          gitignore: opts.gitignore,
          minConfidence: "low",
          baseline: false,
          ...(opts.config !== undefined ? { config: opts.config } : {}),
          ...(opts.rules !== undefined ? { rules: opts.rules } : {}),
          ...(opts.git ? { git: true } : {}),
        },
        io,
      );
      const file = resolve(io.cwd, opts.output);
      await writeBaseline(file, result.findings);
      const recorded = new Set(result.findings.filter((f) => !f.suppression).map((f) => f.fingerprint)).size;
      io.stdout(`Recorded ${recorded} finding${recorded === 1 ? "" : "s"} in ${relative(io.cwd, file) || file}; scan with --baseline ${opts.output} to report only new ones.\n`);
    });
}
