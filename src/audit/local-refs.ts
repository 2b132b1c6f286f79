/**
 * A local-path repository has no host to say when it was last pushed, so "nothing changed" used to
 * cost a `git fetch` per repository. Its refs say the same thing for one cheap, read-only
 * `git for-each-ref`: the version below changes exactly when a ref moves, is added or is deleted.
 */
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { listRefs } from "./mirror.js";

/** A digest of every ref of the repository at `path`, or undefined when it cannot be read (the fetch then reports why). */
export async function localRefsVersion(path: string): Promise<string | undefined> {
  if (!isAbsolute(path)) return undefined;
  const dotGit = join(path, ".git");
  const gitdir = (await stat(dotGit).catch(() => undefined))?.isDirectory() ? dotGit : path;
  try {
    const refs = await listRefs(gitdir);
    const lines = [...refs].map(([name, id]) => `${name} ${id}`).sort();
    return `refs:${createHash("sha256").update(lines.join("\n")).digest("hex")}`;
  } catch {
    return undefined;
  }
}
