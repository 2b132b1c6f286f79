/**
 * Reads a config file and parses it as TOML or YAML (by extension: `.yaml`/`.yml` are YAML,
 * everything else TOML). Syntax errors name the file and the line.
 */
import { readFile } from "node:fs/promises";
import { lazyRequire } from "../lazy-require.js";
import { LeakhoundError } from "../errors.js";

const yaml = lazyRequire<typeof import("yaml")>("yaml");

export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/**
 * Parses config text; the result is untrusted data for the format's validator. The TOML parser
 * is loaded only when a TOML config exists, keeping it off the start-up path of other scans.
 */
export async function parseConfigText(text: string, file: string): Promise<unknown> {
  const { parse: parseToml, TomlError } = await import("smol-toml");
  try {
    return isYamlFile(file) ? (yaml().parse(text) as unknown) ?? {} : parseToml(text);
  } catch (err) {
    const where =
      err instanceof TomlError ? `line ${err.line}, column ${err.column}` : err instanceof yaml().YAMLParseError ? `line ${err.linePos?.[0].line ?? "?"}` : "";
    const syntax = isYamlFile(file) ? "YAML" : "TOML";
    const detail = (err as Error).message.split("\n")[0];
    throw new LeakhoundError("CONFIG_INVALID", `${file}${where ? ` (${where})` : ""}: not valid ${syntax}: ${detail}`, { cause: err });
  }
}

export async function readConfigText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    throw new LeakhoundError(
      "CONFIG_INVALID",
      missing ? `config file not found: ${file} (check the --config path or the "extends" entry)` : `cannot read config file ${file}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}
