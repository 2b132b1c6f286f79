/**
 * GitLab (gitlab.com or self-hosted) group inventory, subgroups included, over the REST API with
 * fetch. Why not a client package: the one call needed (paginated `GET /groups/:id/projects`) is a
 * few lines, and the maintained GitLab client (@gitbeaker) is a large dependency tree for it.
 */
import { LeakhoundError } from "../errors.js";
import { tokenCredential } from "./credentials.js";
import type { InventoryEntry } from "./inventory.js";
import { MAX_RATE_LIMIT_RETRIES, MAX_RATE_LIMIT_WAIT_MS, rateLimitDelayMs, sleep } from "./rate-limit.js";

export const GITLAB_API_URL = "https://gitlab.com/api/v4";

export interface GitlabInventoryOptions {
  readonly group: string;
  readonly apiUrl?: string;
  readonly token?: string;
  readonly log?: (line: string) => void;
}

interface GitlabProject {
  readonly path_with_namespace: string;
  readonly http_url_to_repo: string;
  readonly web_url: string;
  readonly archived?: boolean;
  readonly forked_from_project?: unknown;
  /** Moves on every push (and on some other activity: at worst an unneeded fetch). */
  readonly last_activity_at?: string | null;
}

export async function listGitlabRepositories(options: GitlabInventoryOptions): Promise<InventoryEntry[]> {
  const api = (options.apiUrl ?? GITLAB_API_URL).replace(/\/+$/, "");
  const credential = options.token ? tokenCredential(options.token, "gitlab") : undefined;
  const entries: InventoryEntry[] = [];
  let page: string | undefined = "1";
  while (page) {
    const url = `${api}/groups/${encodeURIComponent(options.group)}/projects?include_subgroups=true&per_page=100&order_by=id&page=${page}`;
    const response = await fetchWithRetry(url, options);
    for (const project of (await response.json()) as GitlabProject[]) {
      const web = new URL(project.web_url);
      entries.push({
        repo: {
          id: `${web.host}/${project.path_with_namespace}`,
          name: project.path_with_namespace,
          cloneUrl: project.http_url_to_repo,
          webUrl: project.web_url.replace(/\/+$/, ""),
          fork: project.forked_from_project !== undefined && project.forked_from_project !== null,
          archived: project.archived === true,
          ...(project.last_activity_at ? { pushedAt: project.last_activity_at } : {}),
        },
        ...(credential ? { credential } : {}),
      });
    }
    page = response.headers.get("x-next-page") || undefined;
  }
  return entries;
}

async function fetchWithRetry(url: string, options: GitlabInventoryOptions): Promise<Response> {
  const headers: Record<string, string> = options.token ? { "PRIVATE-TOKEN": options.token } : {};
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { headers });
    } catch (cause) {
      throw inventoryError(options.group, (cause as Error).message, cause);
    }
    if (response.ok) return response;
    const delay = rateLimitDelayMs(response.status, (name) => response.headers.get(name) ?? undefined);
    if (delay === undefined || attempt >= MAX_RATE_LIMIT_RETRIES || delay > MAX_RATE_LIMIT_WAIT_MS) {
      throw inventoryError(options.group, `HTTP ${response.status} ${response.statusText}`);
    }
    options.log?.(`GitLab API rate limit: retrying in ${Math.ceil(delay / 1000)}s`);
    await sleep(delay);
  }
}

function inventoryError(group: string, why: string, cause?: unknown): LeakhoundError {
  return new LeakhoundError("INVENTORY_FAILED", `cannot list the projects of GitLab group ${group}: ${why}`, {
    ...(cause === undefined ? {} : { cause }),
    details: ["check the group path, --api-url, and that the token in --token-env can read the group"],
  });
}
