/**
 * The mirror cache: one bare `git clone --mirror` per repository under `--cache DIR`. An existing
 * mirror is updated with `git fetch --prune`, so only new objects travel. The remote URL recorded
 * in the mirror is the credential-free one; the token is sent per invocation (credentials.ts).
 */
import { createHash } from "node:crypto";
import { access, mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { GitCredential } from "./credentials.js";
import { runGit } from "../git/exec.js";
import { runRemoteGit } from "./remote-git.js";
import type { AuditRepository } from "./repository.js";

/** The mirror directory of a repository: readable name plus a hash, so distinct ids never collide. */
export function mirrorPath(cacheDir: string, repo: AuditRepository): string {
  const readable = repo.name.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80);
  const hash = createHash("sha256").update(repo.id).digest("hex").slice(0, 12);
  return join(cacheDir, `${readable}-${hash}.git`);
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Creates or updates the mirror and returns its path. A clone goes to a temporary directory first
 * and is renamed into place, so a killed clone never leaves a half-made mirror that looks complete.
 */
export async function syncMirror(cacheDir: string, repo: AuditRepository, credential: GitCredential | undefined): Promise<string> {
  const path = mirrorPath(cacheDir, repo);
  if (await exists(join(path, "HEAD"))) {
    await runRemoteGit(["--git-dir", path, "fetch", "--prune", "--quiet", "--no-write-fetch-head", "origin"], withCredential(credential));
    return path;
  }
  await mkdir(cacheDir, { recursive: true });
  const partial = `${path}.partial`;
  await rm(partial, { recursive: true, force: true });
  await runRemoteGit(["clone", "--mirror", "--quiet", "--no-local", repo.cloneUrl, partial], withCredential(credential));
  await rename(partial, path);
  return path;
}

function withCredential(credential: GitCredential | undefined): { credential?: GitCredential } {
  return credential ? { credential } : {};
}

/** Every ref of a mirror and the object it points at. */
export async function listRefs(mirror: string): Promise<Map<string, string>> {
  const { stdout } = await runGit({ gitdir: mirror, cwd: mirror }, ["for-each-ref", "--format=%(refname) %(objectname)"]);
  const refs = new Map<string, string>();
  for (const line of stdout.toString("utf8").split("\n")) {
    const space = line.lastIndexOf(" ");
    if (space > 0) refs.set(line.slice(0, space), line.slice(space + 1));
  }
  return refs;
}

/** The subset of `ids` still present in the mirror (a fetch may have pruned and gc dropped some). */
export async function presentCommits(mirror: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { stdout } = await runGit({ gitdir: mirror, cwd: mirror }, ["rev-list", "--no-walk", "--ignore-missing", ...ids]);
  return stdout.toString("utf8").split("\n").filter(Boolean);
}
