/**
 * Where a scanned repository lives, for SARIF `versionControlProvenance` and the JSON report:
 * the `origin` URL (credentials stripped: a report must never carry them), the revision and
 * the branch.
 */
import type { ScanResult } from "../types.js";
import type { Repository } from "./open.js";

export type VcsProvenance = NonNullable<ScanResult["vcs"]>;

export async function repositoryProvenance(repo: Repository, revision = "HEAD"): Promise<VcsProvenance> {
  const [url, sha, branch] = await Promise.all([repo.backend.remoteUrl(), repo.backend.resolveCommit(revision), repo.backend.currentBranch()]);
  const repositoryUri = url ? withoutCredentials(url) : undefined;
  return {
    ...(repositoryUri ? { repositoryUri } : {}),
    ...(sha ? { revision: sha } : {}),
    ...(branch && revision === "HEAD" ? { branch } : {}),
  };
}

/** `https://user:token@host/x` → `https://host/x`; scp-style and paths are returned as they are. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.href;
  } catch {
    return url;
  }
}
