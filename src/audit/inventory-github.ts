/**
 * GitHub / GitHub Enterprise inventory through octokit (its pagination follows `Link` headers;
 * `baseUrl` points it at GHE or a test server). Rate-limited calls are retried after the delay the
 * server asks for.
 */
import { Octokit } from "@octokit/rest";
import { LeakhoundError } from "../errors.js";
import { tokenCredential } from "./credentials.js";
import type { InventoryEntry } from "./inventory.js";
import { MAX_RATE_LIMIT_RETRIES, MAX_RATE_LIMIT_WAIT_MS, rateLimitDelayMs, sleep } from "./rate-limit.js";

export interface GithubInventoryOptions {
  readonly owner: string;
  readonly ownerKind: "org" | "user";
  readonly apiUrl?: string;
  readonly token?: string;
  readonly log?: (line: string) => void;
}

interface GithubRepo {
  readonly full_name: string;
  readonly html_url: string;
  readonly clone_url?: string;
  readonly fork: boolean;
  readonly archived?: boolean;
  readonly pushed_at?: string | null;
}

export async function listGithubRepositories(options: GithubInventoryOptions): Promise<InventoryEntry[]> {
  const octokit = createOctokit(options);
  const iterator =
    options.ownerKind === "org"
      ? octokit.paginate.iterator(octokit.rest.repos.listForOrg, { org: options.owner, type: "all", per_page: 100 })
      : octokit.paginate.iterator(octokit.rest.repos.listForUser, { username: options.owner, type: "owner", per_page: 100 });
  const entries: InventoryEntry[] = [];
  const credential = options.token ? tokenCredential(options.token, "github") : undefined;
  try {
    for await (const page of iterator) {
      for (const repo of page.data as GithubRepo[]) entries.push({ repo: toRepository(repo), ...(credential ? { credential } : {}) });
    }
  } catch (cause) {
    const status = (cause as { status?: number }).status;
    throw new LeakhoundError(
      "INVENTORY_FAILED",
      `cannot list the repositories of GitHub ${options.ownerKind} ${options.owner}${status ? ` (HTTP ${status})` : ""}: ${(cause as Error).message}`,
      { cause, details: ["check the name, --api-url, and that the token in --token-env can read the organization"] },
    );
  }
  return entries;
}

function toRepository(repo: GithubRepo): InventoryEntry["repo"] {
  const web = new URL(repo.html_url);
  return {
    id: `${web.host}/${repo.full_name}`,
    name: repo.full_name,
    cloneUrl: repo.clone_url ?? `${repo.html_url}.git`,
    webUrl: repo.html_url,
    fork: repo.fork,
    archived: repo.archived === true,
    ...(repo.pushed_at ? { pushedAt: repo.pushed_at } : {}),
  };
}

function createOctokit(options: GithubInventoryOptions): Octokit {
  const octokit = new Octokit({
    ...(options.token ? { auth: options.token } : {}),
    ...(options.apiUrl ? { baseUrl: options.apiUrl.replace(/\/+$/, "") } : {}),
    userAgent: "leakhound-audit",
    // Octokit logs deprecations and failed requests to the console; the audit reports errors itself.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  octokit.hook.wrap("request", async (request, endpoint) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(endpoint);
      } catch (error) {
        const response = (error as { response?: { status: number; headers: Record<string, string | number | undefined> } }).response;
        const delay = response
          ? rateLimitDelayMs(response.status, (name) => {
              const value = response.headers[name];
              return value === undefined ? undefined : String(value);
            })
          : undefined;
        if (delay === undefined || attempt >= MAX_RATE_LIMIT_RETRIES || delay > MAX_RATE_LIMIT_WAIT_MS) throw error;
        options.log?.(`GitHub API rate limit: retrying in ${Math.ceil(delay / 1000)}s`);
        await sleep(delay);
      }
    }
  });
  return octokit;
}
