/**
 * The audit inventory: which repositories to audit, from a GitHub org/user, a GitLab group or a
 * repos file, filtered by fork/archived flags and a name glob. Returned sorted by id and without
 * duplicates (two workers must never share a mirror), so sharding and reports never depend on
 * API or file order.
 */
import type { GitCredential } from "./credentials.js";
import { globToRegExp } from "./glob.js";
import { listGithubRepositories } from "./inventory-github.js";
import { listGitlabRepositories } from "./inventory-gitlab.js";
import { readReposFile } from "./inventory-file.js";
import type { AuditRepository } from "./repository.js";

/** A repository and the credential to fetch it with (never part of the repository record). */
export interface InventoryEntry {
  readonly repo: AuditRepository;
  readonly credential?: GitCredential;
}

export type InventorySource =
  | { readonly kind: "github-org"; readonly owner: string }
  | { readonly kind: "github-user"; readonly owner: string }
  | { readonly kind: "gitlab-group"; readonly group: string }
  | { readonly kind: "repos-file"; readonly file: string };

export interface InventoryOptions {
  readonly source: InventorySource;
  /** REST API root (GitHub Enterprise: `https://HOST/api/v3`; self-hosted GitLab: `https://HOST/api/v4`). */
  readonly apiUrl?: string;
  readonly token?: string;
  readonly includeForks?: boolean;
  readonly includeArchived?: boolean;
  /** Keep only repositories whose name (`owner/name`) matches. */
  readonly repoGlob?: string;
  /** Told about retries after rate limiting (never about credentials). */
  readonly log?: (line: string) => void;
}

export async function resolveInventory(options: InventoryOptions): Promise<InventoryEntry[]> {
  const entries = await listSource(options);
  const glob = options.repoGlob === undefined ? undefined : globToRegExp(options.repoGlob);
  return entries
    .filter(({ repo }) => (options.includeForks || !repo.fork) && (options.includeArchived || !repo.archived))
    .filter(({ repo }) => !glob || glob.test(repo.name))
    .sort((a, b) => (a.repo.id < b.repo.id ? -1 : a.repo.id > b.repo.id ? 1 : 0))
    .filter((entry, i, sorted) => i === 0 || sorted[i - 1]!.repo.id !== entry.repo.id);
}

function listSource(options: InventoryOptions): Promise<InventoryEntry[]> {
  const { source } = options;
  switch (source.kind) {
    case "github-org":
    case "github-user":
      return listGithubRepositories({ ...options, owner: source.owner, ownerKind: source.kind === "github-org" ? "org" : "user" });
    case "gitlab-group":
      return listGitlabRepositories({ ...options, group: source.group });
    case "repos-file":
      return readReposFile(source.file);
  }
}
