/**
 * The CLI: a thin layer over the library. `main(argv, io)` returns the exit code and never
 * calls process.exit; only bin/leakhound.js touches process.exitCode.
 *
 * Exit codes: 0 no findings; 1 findings; 2 usage, configuration or fatal error (and, with
 * --fail-on-error, errors reading individual files).
 */
import { Command, CommanderError } from "commander";
import { isLeakhoundError } from "../errors.js";
import { VERSION } from "../version.js";
import { ExitCode, processIo, type CliIo } from "./io.js";
import { registerScanCommand } from "./commands/scan.js";
import { registerRulesCommand } from "./commands/rules.js";
import { registerIgnoreCommand } from "./commands/ignore.js";
import { registerBaselineCommand } from "./commands/baseline.js";
import { registerHookCommand } from "./commands/hook.js";
import { registerAuditCommand } from "./commands/audit.js";

export const EXIT_CODE_HELP = `
Exit codes:
  0  no findings (after suppressions and baseline)
  1  findings reported
  2  usage or configuration error, or a fatal error; with --fail-on-error, also
     when individual files could not be read (otherwise those are reported and
     the scan goes on)`;

/** Holds the exit code an action decided; commander actions cannot return one. */
export interface ExitSlot {
  code: ExitCode;
}

export function buildProgram(io: CliIo, exit: ExitSlot): Command {
  const program = new Command();
  program
    .name("leakhound")
    .description("Find leaked secrets in working trees, staged changes and git history.")
    .version(VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", EXIT_CODE_HELP);
  registerScanCommand(program, io, exit);
  registerRulesCommand(program, io, exit);
  registerIgnoreCommand(program, io);
  registerBaselineCommand(program, io);
  registerHookCommand(program, io);
  registerAuditCommand(program, io, exit);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  const exit: ExitSlot = { code: ExitCode.Clean };
  const program = buildProgram(io, exit);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exit.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with exit code 0; every other commander error is a usage error.
      return err.exitCode === 0 ? ExitCode.Clean : ExitCode.Error;
    }
    if (isLeakhoundError(err)) {
      io.stderr(`leakhound: ${err.message}\n${err.details.map((d) => `  ${d}\n`).join("")}`);
      return ExitCode.Error;
    }
    throw err;
  }
}
