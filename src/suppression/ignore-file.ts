/**
 * `.leakhoundignore`: accepted findings, one per line, keyed by the stable fingerprint
 * (rule id, secret hash, path or path glob; never a line or a commit, so edits and rebases keep
 * it valid). Lines are kept sorted, so two branches that each accept a finding rarely touch the
 * same lines and merge cleanly.
 *
 *     # comment
 *     github-pat:3f9c…e1:test/fixtures/app.env reason="revoked test token" owner="@alice" expires=2027-01-31
 *     "generic-api-key:77ab…09:docs/with space.md" reason="documentation example"
 *
 * Values with spaces or quotes are JSON strings. An entry whose `expires` date has passed stops
 * suppressing (the scan reports IGNORE_EXPIRED).
 */
import { readFile, writeFile } from "node:fs/promises";
import { LeakhoundError } from "../errors.js";
import type { Finding } from "../types.js";
import { compilePathPatterns, isGlob } from "./path-pattern.js";

export const IGNORE_FILE_NAME = ".leakhoundignore";

const HEADER = [
  "# leakhound ignore file: one accepted finding per line (fingerprint = rule:secret-hash:path-or-glob),",
  "# with optional reason, owner and expires (YYYY-MM-DD). Kept sorted; add entries with `leakhound ignore add`.",
];

export interface IgnoreEntry {
  readonly ruleId: string;
  readonly secretHash: string;
  /** A literal path, or a gitignore-style glob. */
  readonly path: string;
  readonly reason?: string;
  readonly owner?: string;
  /** YYYY-MM-DD; the entry suppresses up to and including this day (UTC). */
  readonly expires?: string;
  /** 1-based line in the file (0 for entries not read from a file). */
  readonly line: number;
}

const FINGERPRINT = /^([a-z0-9]+(?:[.-][a-z0-9]+)*):([0-9a-f]{32}):(.+)$/;
const FIELD_KEYS = new Set(["reason", "owner", "expires"]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function entryFingerprint(entry: Pick<IgnoreEntry, "ruleId" | "secretHash" | "path">): string {
  return `${entry.ruleId}:${entry.secretHash}:${entry.path}`;
}

/** Splits `rule-id:secret-hash:path-or-glob`; undefined when it is not one. */
export function parseIgnoreKey(text: string): Pick<IgnoreEntry, "ruleId" | "secretHash" | "path"> | undefined {
  const m = FINGERPRINT.exec(text);
  return m ? { ruleId: m[1]!, secretHash: m[2]!, path: m[3]! } : undefined;
}

/** A valid YYYY-MM-DD calendar date. */
export function isIsoDate(value: string): boolean {
  return DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** Splits a line into tokens: bare words (no spaces or quotes) and JSON strings, `key=` prefixes kept. */
function tokenize(line: string): string[] | undefined {
  const tokens: string[] = [];
  const token = /\s*((?:[a-z]+=)?(?:"(?:[^"\\]|\\.)*"|[^\s"]+))/gy;
  let consumed = 0;
  for (let m = token.exec(line); m !== null; m = token.exec(line)) {
    tokens.push(m[1]!);
    consumed = token.lastIndex;
  }
  return line.slice(consumed).trim() === "" ? tokens : undefined;
}

function unquote(value: string): string {
  return value.startsWith('"') ? (JSON.parse(value) as string) : value;
}

function quote(value: string): string {
  return /^[^\s"]+$/.test(value) ? value : JSON.stringify(value);
}

/** Parses the file; throws CONFIG_INVALID naming the file, the line and what was expected. */
export function parseIgnoreFile(text: string, file: string): IgnoreEntry[] {
  const entries: IgnoreEntry[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const fail = (what: string): void => void problems.push(`line ${line}: ${what}`);
    const tokens = tokenize(trimmed);
    if (!tokens || tokens.length === 0) return fail("unbalanced quotes");
    const key = parseIgnoreKey(unquote(tokens[0]!));
    if (!key) return fail(`expected a fingerprint "rule-id:32-hex-secret-hash:path" first, got ${tokens[0]}`);
    const fields: Record<string, string> = {};
    for (const token of tokens.slice(1)) {
      const eq = token.indexOf("=");
      const key = token.slice(0, eq);
      if (eq < 1 || !FIELD_KEYS.has(key)) return fail(`expected reason=…, owner=… or expires=YYYY-MM-DD, got ${token}`);
      fields[key] = unquote(token.slice(eq + 1));
    }
    if (fields["expires"] !== undefined && !isIsoDate(fields["expires"])) return fail(`expires: expected a date YYYY-MM-DD, got ${fields["expires"]}`);
    entries.push({
      ...key,
      ...(fields["reason"] !== undefined ? { reason: fields["reason"] } : {}),
      ...(fields["owner"] !== undefined ? { owner: fields["owner"] } : {}),
      ...(fields["expires"] !== undefined ? { expires: fields["expires"] } : {}),
      line,
    });
  });
  if (problems.length > 0) {
    throw new LeakhoundError("CONFIG_INVALID", `invalid ignore file ${file} (fix or remove these lines):`, { details: problems });
  }
  return entries;
}

/** Serializes entries sorted by fingerprint, one per line, under the explanatory header. */
export function formatIgnoreFile(entries: readonly IgnoreEntry[]): string {
  const lines = entries
    .map((e) =>
      [
        quote(entryFingerprint(e)),
        ...(e.reason !== undefined ? [`reason=${quote(e.reason)}`] : []),
        ...(e.owner !== undefined ? [`owner=${quote(e.owner)}`] : []),
        ...(e.expires !== undefined ? [`expires=${e.expires}`] : []),
      ].join(" "),
    )
    .sort();
  return `${[...HEADER, ...lines].join("\n")}\n`;
}

/** Adds an entry, replacing one with the same fingerprint. */
export function upsertIgnoreEntry(entries: readonly IgnoreEntry[], entry: IgnoreEntry): IgnoreEntry[] {
  const key = entryFingerprint(entry);
  return [...entries.filter((e) => entryFingerprint(e) !== key), entry];
}

/** Reads the ignore file; a missing file is an empty list. */
export async function readIgnoreFile(file: string): Promise<IgnoreEntry[]> {
  const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return undefined;
    throw new LeakhoundError("CONFIG_INVALID", `cannot read ignore file ${file}: ${err.message}`, { cause: err });
  });
  return text === undefined ? [] : parseIgnoreFile(text, file);
}

export async function writeIgnoreFile(file: string, entries: readonly IgnoreEntry[]): Promise<void> {
  await writeFile(file, formatIgnoreFile(entries));
}

/** Whether the entry has expired on `today` (YYYY-MM-DD, UTC). */
export function isExpired(entry: IgnoreEntry, today: string): boolean {
  return entry.expires !== undefined && entry.expires < today;
}

/** A matcher for one entry: same rule, same secret, and the path equal to (or matching) the entry's. */
export function ignoreEntryMatcher(entry: IgnoreEntry): (finding: Finding) => boolean {
  const glob = isGlob(entry.path) ? compilePathPatterns([entry.path]) : undefined;
  return (finding) =>
    finding.ruleId === entry.ruleId &&
    finding.secretHash === entry.secretHash &&
    (finding.path === entry.path || glob?.matches(finding.path) === true);
}
