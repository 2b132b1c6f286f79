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

type Register = (program: Command, io: CliIo, exit: ExitSlot) => void;

/**
 * Commands are imported on demand: a pre-commit `scan --staged` must not pay for loading the
 * audit's SQLite and GitHub client (start-up is most of the hook's latency). Order = help order.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  scan: async () => (await import("./commands/scan.js")).registerScanCommand,
  rules: async () => (await import("./commands/rules.js")).registerRulesCommand,
  ignore: async () => (await import("./commands/ignore.js")).registerIgnoreCommand,
  baseline: async () => (await import("./commands/baseline.js")).registerBaselineCommand,
  hook: async () => (await import("./commands/hook.js")).registerHookCommand,
  audit: async () => (await import("./commands/audit.js")).registerAuditCommand,
};

/** The commands `argv` can reach: the one it names, or all of them (help, errors, no command). */
async function commandsFor(argv: readonly string[]): Promise<Register[]> {
  const named = argv[0] === undefined ? undefined : COMMANDS[argv[0]];
  const loaders = named ? [named] : Object.values(COMMANDS);
  return Promise.all(loaders.map((load) => load()));
}

export async function buildProgram(io: CliIo, exit: ExitSlot, argv: readonly string[] = []): Promise<Command> {
  const program = new Command();
  program
    .name("leakhound")
    .description("Find leaked secrets in working trees, staged changes and git history.")
    .version(VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", EXIT_CODE_HELP);
  for (const register of await commandsFor(argv)) register(program, io, exit);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  const exit: ExitSlot = { code: ExitCode.Clean };
  const program = await buildProgram(io, exit, argv);
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
