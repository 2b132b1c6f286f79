/**
 * Commit metadata as findings carry it (CommitInfo), from a raw commit object or from
 * isomorphic-git's parsed one, in one format: dates like git's `%aI` (strict ISO 8601 in the
 * commit's own time zone), the summary as the message's first line.
 */
import type { CommitInfo } from "../types.js";

/** Who and when: `offsetMinutes` is east of UTC (+60 for +01:00). */
export interface Signature {
  readonly name: string;
  readonly email: string;
  readonly timestamp: number;
  readonly offsetMinutes: number;
}

export function toCommitInfo(sha: string, author: Signature, committer: Signature, message: string): CommitInfo {
  return {
    sha,
    author: author.name,
    email: author.email,
    authorDate: isoDate(author),
    commitDate: isoDate(committer),
    summary: message.split("\n", 1)[0] ?? "",
  };
}

const UNKNOWN: Signature = { name: "", email: "", timestamp: 0, offsetMinutes: 0 };

/** Parses a raw commit object (`git cat-file commit`): headers, a blank line, the message. */
export function parseCommitObject(sha: string, raw: string): CommitInfo {
  const split = raw.indexOf("\n\n");
  const headers = (split === -1 ? raw : raw.slice(0, split)).split("\n");
  const message = split === -1 ? "" : raw.slice(split + 2);
  const header = (name: string): Signature => {
    const line = headers.find((h) => h.startsWith(`${name} `));
    return line ? parseSignature(line.slice(name.length + 1)) : UNKNOWN;
  };
  return toCommitInfo(sha, header("author"), header("committer"), message);
}

/** `Name <email> 1700000000 +0100` */
function parseSignature(text: string): Signature {
  const m = /^(.*?) ?<([^>]*)> (\d+) ([+-])(\d{2})(\d{2})$/.exec(text);
  if (!m) return { ...UNKNOWN, name: text };
  const offset = Number(m[5]) * 60 + Number(m[6]);
  return { name: m[1]!, email: m[2]!, timestamp: Number(m[3]), offsetMinutes: m[4] === "-" ? -offset : offset };
}

function isoDate({ timestamp, offsetMinutes }: Signature): string {
  const local = new Date((timestamp + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
  const minutes = Math.abs(offsetMinutes);
  const sign = offsetMinutes < 0 ? "-" : "+";
  return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
