/**
 * Baselines: the findings a repository already had when it adopted leakhound, so only new ones
 * block. A baseline holds fingerprints only (rule id, secret hash, path): never a secret, never a
 * line number or a commit. One per line, sorted and de-duplicated, so two branches that each add
 * entries merge without conflicts unless they add the very same neighbours.
 */
import { readFile, writeFile } from "node:fs/promises";
import { parseFingerprint } from "../detect/fingerprint.js";
import { LeakhoundError } from "../errors.js";
import type { Finding } from "../types.js";

export const DEFAULT_BASELINE_FILE = ".leakhound-baseline";

const HEADER = "# leakhound baseline v1: fingerprints (rule:secret-hash:path) of accepted findings; no secrets. Sorted.";

/** The baseline text for a scan's findings (suppressed ones are already accepted elsewhere). */
export function formatBaseline(findings: readonly Finding[]): string {
  const fingerprints = [...new Set(findings.filter((f) => !f.suppression).map((f) => f.fingerprint))].sort();
  return `${[HEADER, ...fingerprints].join("\n")}\n`;
}

/** Parses a baseline; throws BASELINE_INVALID naming the file and each bad line. */
export function parseBaseline(text: string, file: string): Set<string> {
  const fingerprints = new Set<string>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    if (parseFingerprint(line)) fingerprints.add(line);
    else problems.push(`line ${i + 1}: expected a fingerprint "rule-id:32-hex-secret-hash:path", got ${line.slice(0, 80)}`);
  });
  if (problems.length > 0) {
    throw new LeakhoundError("BASELINE_INVALID", `invalid baseline ${file} (recreate it with \`leakhound baseline create\`):`, { details: problems });
  }
  return fingerprints;
}

export async function readBaseline(file: string): Promise<Set<string>> {
  const text = await readFile(file, "utf8").catch((err: Error) => {
    throw new LeakhoundError("BASELINE_INVALID", `cannot read baseline ${file}: ${err.message} (create one with \`leakhound baseline create -o ${file}\`)`, { cause: err });
  });
  return parseBaseline(text, file);
}

export async function writeBaseline(file: string, findings: readonly Finding[]): Promise<void> {
  try {
    await writeFile(file, formatBaseline(findings));
  } catch (err) {
    throw new LeakhoundError("USAGE", `cannot write baseline ${file}: ${(err as Error).message}`, { cause: err });
  }
}
