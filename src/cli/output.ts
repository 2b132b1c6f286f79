import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { LeakhoundError } from "../errors.js";
import type { CliIo } from "./io.js";

/**
 * Writes report text to `--output FILE` (relative to the CLI's working directory), or stdout.
 * The exit code never depends on where it went.
 */
export async function writeReport(text: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output === undefined || output === "-") {
    io.stdout(text);
    return;
  }
  try {
    await writeFile(resolve(io.cwd, output), text);
  } catch (err) {
    throw new LeakhoundError("USAGE", `cannot write report to ${output}: ${(err as Error).message}`, { cause: err });
  }
}

/** NO_COLOR (https://no-color.org) wins; otherwise colour on a terminal. */
export function useColor(io: CliIo): boolean {
  return io.isTTY && !io.env["NO_COLOR"] && io.env["TERM"] !== "dumb";
}
