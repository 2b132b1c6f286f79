import { readFileSync } from "node:fs";

/** leakhound's version, read once from package.json (one source of truth for CLI, SARIF and JSON). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;

export const INFORMATION_URI = "https://github.com/leakhound/leakhound";
