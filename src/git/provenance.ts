/**
 * Where a scanned repository lives, for SARIF `versionControlProvenance` and the JSON report:
 * the `origin` URL (credentials stripped: a report must never carry them), the revision and
 * the branch.
 */
import { stripCredentials } from "../audit/credentials.js";
import type { ScanResult } from "../types.js";
import type { Repository } from "./open.js";

export type VcsProvenance = NonNullable<ScanResult["vcs"]>;

export async function repositoryProvenance(repo: Repository, revision = "HEAD"): Promise<VcsProvenance> {
  const [url, sha, branch] = await Promise.all([repo.backend.remoteUrl(), repo.backend.resolveCommit(revision), repo.backend.currentBranch()]);
  const repositoryUri = url ? stripCredentials(url) : undefined;
  return {
    ...(repositoryUri ? { repositoryUri } : {}),
    ...(sha ? { revision: sha } : {}),
    ...(branch && revision === "HEAD" ? { branch } : {}),
  };
}
