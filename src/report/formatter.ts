import type { Rule } from "../rules/compile.js";
import type { ScanResult } from "../types.js";
import { formatJson } from "./json.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";

export interface FormatOptions {
  /** Every rule that could fire (SARIF lists them all in tool.driver.rules). */
  readonly rules: readonly Rule[];
  /** Print raw secrets (default false: redacted). */
  readonly showSecrets?: boolean;
  /** Include suppressed findings in text/JSON output (SARIF always carries them, marked). */
  readonly showSuppressed?: boolean;
  /** ANSI colours (text only). */
  readonly color?: boolean;
  readonly verbose?: boolean;
}

/** A pure function from a scan result to report text. */
export type Formatter = (result: ScanResult, options: FormatOptions) => string;

export const formatters = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
} as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof formatters;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formatters, name);
}
