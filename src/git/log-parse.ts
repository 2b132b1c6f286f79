/**
 * Parses `git log --format=<COMMIT_FORMAT> --raw -z -c --no-abbrev` output, token by token, into
 * one CommitChanges per commit. With `-c`, a merge lists only paths whose result differs from
 * every parent: exactly what a merge resolution introduces.
 */
import type { CommitChanges, Introduction } from "./backend.js";
import { MODE, NULL_OID } from "./backend.js";

/** Marks the start of a commit record; the fields that follow are NUL-separated. */
const COMMIT_MARK = "\x01";
export const COMMIT_FORMAT = `${COMMIT_MARK}%H%x00%P%x00%an%x00%ae%x00%aI%x00%cI%x00%s%x00`;
const COMMIT_FIELDS = 7;

export async function* parseRawLog(tokens: AsyncIterable<string>): AsyncGenerator<CommitChanges> {
  let fields: string[] | undefined;
  let introductions: Introduction[] = [];
  let removedBlobs: string[] = [];
  let rawHeader: string | undefined;
  const finish = (): CommitChanges | undefined => {
    if (!fields) return undefined;
    const [sha, parents, author, email, authorDate, commitDate, summary] = fields as [string, string, string, string, string, string, string];
    return {
      commit: { sha, author, email, authorDate, commitDate, summary },
      parents: parents ? parents.split(" ") : [],
      introductions,
      removedBlobs,
    };
  };
  for await (const raw of tokens) {
    if (fields && fields.length < COMMIT_FIELDS) {
      fields.push(raw);
      continue;
    }
    if (rawHeader !== undefined) {
      const entry = parseRawEntry(rawHeader, raw);
      if (entry?.kind === "introduced") introductions.push(entry.introduction);
      else if (entry?.kind === "removed") removedBlobs.push(...entry.blobs);
      rawHeader = undefined;
      continue;
    }
    const token = raw.startsWith("\n") ? raw.slice(1) : raw;
    if (token.startsWith(COMMIT_MARK)) {
      const done = finish();
      if (done) yield done;
      fields = [token.slice(1)];
      introductions = [];
      removedBlobs = [];
    } else if (token.startsWith(":")) {
      rawHeader = token;
    }
  }
  const done = finish();
  if (done) yield done;
}

type RawEntry = { readonly kind: "introduced"; readonly introduction: Introduction } | { readonly kind: "removed"; readonly blobs: readonly string[] };

/**
 * One raw entry: `:<modes…> <oids…> <status>` (one colon per parent), then the path. Returns
 * undefined for entries that bring no new content (pure mode changes).
 */
function parseRawEntry(header: string, path: string): RawEntry | undefined {
  const colons = header.length - header.replace(/^:+/, "").length;
  const parts = header.slice(colons).split(" ");
  const parentCount = colons;
  const mode = parts[parentCount];
  const blob = parts[parentCount * 2 + 1];
  const parentBlobs = parts.slice(parentCount + 1, parentCount * 2 + 1);
  if (mode === undefined || blob === undefined || mode === MODE.tree) return undefined;
  if (blob === NULL_OID || mode === "000000") return { kind: "removed", blobs: parentBlobs.filter((p) => p !== NULL_OID) };
  if (parentBlobs.includes(blob)) return undefined;
  return { kind: "introduced", introduction: { path, blob, mode, parentBlobs } };
}
