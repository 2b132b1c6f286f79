/**
 * Where a repository's history introduced a blob that another repository already scanned (a fork,
 * a vendored copy): the oldest commit that adds it, and the path. Only blobs with findings are
 * looked up, so this one `git log --find-object` per blob stays rare.
 */
import { spawnGit, gitSpawnError } from "../git/exec.js";
import { COMMIT_FORMAT, parseRawLog } from "../git/log-parse.js";
import { nulTokens } from "../git/nul-tokens.js";
import type { BlobPlacement } from "./state.js";

export async function locateBlob(mirror: string, blobId: string): Promise<BlobPlacement | undefined> {
  const child = spawnGit({ gitdir: mirror, cwd: mirror }, [
    "log", `--format=${COMMIT_FORMAT}`, "--raw", "-z", "-c", "--root", "--no-renames", "--no-abbrev", "--no-textconv",
    "--no-ext-diff", "--topo-order", "--reverse", `--find-object=${blobId}`, "--all",
  ]);
  const exited = new Promise<void>((resolve, reject) => {
    child.on("error", (e) => reject(gitSpawnError(e)));
    child.on("close", () => resolve());
  });
  try {
    for await (const changes of parseRawLog(nulTokens(child.stdout))) {
      const introduction = changes.introductions.find((i) => i.blob === blobId);
      if (introduction) return { path: introduction.path, commit: changes.commit };
    }
    return undefined;
  } finally {
    if (child.exitCode === null) child.kill();
    await exited;
  }
}
