import { InvalidArgumentError, type Command } from "commander";
import { join, relative, resolve } from "node:path";
import { LeakhoundError } from "../../errors.js";
import { findGitDir } from "../../sources/worktree.js";
import {
  IGNORE_FILE_NAME,
  isIsoDate,
  parseIgnoreKey,
  readIgnoreFile,
  upsertIgnoreEntry,
  writeIgnoreFile,
  type IgnoreEntry,
} from "../../suppression/ignore-file.js";
import type { CliIo } from "../io.js";

interface IgnoreAddOptions {
  readonly reason: string;
  readonly owner?: string;
  readonly expires?: string;
  readonly file?: string;
}

function parseDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError(`"${value}" is not a date YYYY-MM-DD`);
  return value;
}

/** `leakhound ignore add`: records an accepted finding in `.leakhoundignore` at the repository root. */
export function registerIgnoreCommand(program: Command, io: CliIo): void {
  const ignore = program.command("ignore").description(`Manage ${IGNORE_FILE_NAME}: accepted findings, by fingerprint.`);
  ignore
    .command("add")
    .description("Accept a finding: the fingerprint comes from the scan report (rule:secret-hash:path; the path may be a glob).")
    .argument("<fingerprint>", "finding fingerprint, e.g. github-pat:3f9c…e1:test/fixtures/app.env")
    .requiredOption("--reason <text>", "why the finding is acceptable (kept in the file and in SARIF)")
    .option("--owner <who>", "who is responsible for the exception")
    .option("--expires <date>", "YYYY-MM-DD after which the entry stops suppressing", parseDate)
    .option("--file <path>", `ignore file to write (default: ${IGNORE_FILE_NAME} at the repository root)`)
    .action(async (fingerprint: string, opts: IgnoreAddOptions) => {
      const key = parseIgnoreKey(fingerprint);
      if (!key) {
        throw new LeakhoundError("USAGE", `"${fingerprint}" is not a fingerprint: expected rule-id:32-hex-secret-hash:path, as printed by \`leakhound scan\``);
      }
      const file = opts.file !== undefined ? resolve(io.cwd, opts.file) : join((await findGitDir(io.cwd))?.worktree ?? io.cwd, IGNORE_FILE_NAME);
      const entry: IgnoreEntry = {
        ...key,
        reason: opts.reason,
        ...(opts.owner !== undefined ? { owner: opts.owner } : {}),
        ...(opts.expires !== undefined ? { expires: opts.expires } : {}),
        line: 0,
      };
      await writeIgnoreFile(file, upsertIgnoreEntry(await readIgnoreFile(file), entry));
      io.stdout(`Added ${fingerprint} to ${relative(io.cwd, file) || file}${opts.expires ? ` (until ${opts.expires})` : ""}.\n`);
    });
}
