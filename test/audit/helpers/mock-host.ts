/**
 * A loopback stand-in for a code host: the GitHub REST API (org/user repository lists with `Link`
 * pagination, forks, archived repositories, one rate-limited response with retry-after), the GitLab
 * group projects API (`x-next-page`), and git's dumb HTTP protocol over local bare repositories.
 * When a token is set, every request must carry it (API: `token`/`Bearer`/PRIVATE-TOKEN; git:
 * basic auth), so a test can tell the audit really sends it.
 */
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize } from "node:path";

export interface MockRepository {
  readonly name: string;
  /** A bare repository served at /git/<name>.git. */
  readonly bareDir: string;
  readonly fork?: boolean;
  readonly archived?: boolean;
  /** Sent as GitHub `pushed_at` / GitLab `last_activity_at`. */
  readonly pushedAt?: string;
}

export interface MockHostOptions {
  readonly owner: string;
  readonly repositories: readonly MockRepository[];
  readonly token?: string;
  readonly pageSize?: number;
  /** The first API request is answered 403 + retry-after (GitHub's secondary rate limit). */
  readonly rateLimitFirst?: boolean;
}

export interface MockHost {
  readonly url: string;
  /** Every request: method, path with query, and whether it was authorised. */
  readonly requests: { readonly path: string; readonly authorized: boolean }[];
  close(): Promise<void>;
}

/** Refreshes the files dumb-HTTP clients read (info/refs, objects/info/packs) after a push. */
export function publishBare(bareDir: string): void {
  execFileSync("git", ["--git-dir", bareDir, "update-server-info"]);
}

export async function startMockHost(options: MockHostOptions): Promise<MockHost> {
  const requests: { path: string; authorized: boolean }[] = [];
  let rateLimited = !options.rateLimitFirst;
  const pageSize = options.pageSize ?? 2;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const authorized = isAuthorized(req, options.token);
    requests.push({ path: `${url.pathname}${url.search}`, authorized });
    if (options.token && !authorized) return send(res, 401, { message: "Bad credentials" });
    if (url.pathname.startsWith("/git/")) return serveGit(url.pathname, res);
    if (!rateLimited) {
      rateLimited = true;
      return send(res, 403, { message: "You have exceeded a secondary rate limit" }, { "retry-after": "1", "x-ratelimit-remaining": "0" });
    }
    const base = `http://${req.headers.host}`;
    const page = Number(url.searchParams.get("page") ?? "1");
    if (url.pathname === `/orgs/${options.owner}/repos` || url.pathname === `/users/${options.owner}/repos`) {
      const slice = options.repositories.slice((page - 1) * pageSize, page * pageSize);
      const last = Math.max(1, Math.ceil(options.repositories.length / pageSize));
      const link = page < last ? { link: `<${base}${url.pathname}?per_page=${pageSize}&page=${page + 1}>; rel="next", <${base}${url.pathname}?per_page=${pageSize}&page=${last}>; rel="last"` } : {};
      return send(res, 200, slice.map((r) => githubRepo(base, options.owner, r)), link);
    }
    if (url.pathname === `/api/v4/groups/${options.owner}/projects`) {
      const slice = options.repositories.slice((page - 1) * pageSize, page * pageSize);
      const next = page * pageSize < options.repositories.length ? String(page + 1) : "";
      return send(res, 200, slice.map((r) => gitlabProject(base, options.owner, r)), { "x-next-page": next });
    }
    send(res, 404, { message: "Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const byName = new Map(options.repositories.map((r) => [r.name, r]));

  function serveGit(pathname: string, res: ServerResponse): void {
    const m = /^\/git\/([^/]+)\.git\/(.*)$/.exec(pathname);
    const repo = m ? byName.get(m[1]!) : undefined;
    if (!m || !repo) return send(res, 404, {});
    const file = normalize(join(repo.bareDir, m[2]!));
    if (!file.startsWith(repo.bareDir) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, {});
    res.writeHead(200, { "content-type": "application/octet-stream" });
    createReadStream(file).pipe(res);
  }

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function isAuthorized(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const auth = req.headers.authorization ?? "";
  if (auth === `token ${token}` || auth === `Bearer ${token}` || req.headers["private-token"] === token) return true;
  const basic = /^Basic (.+)$/.exec(auth);
  return basic !== null && Buffer.from(basic[1]!, "base64").toString("utf8").split(":").slice(1).join(":") === token;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function githubRepo(base: string, owner: string, r: MockRepository): object {
  return {
    full_name: `${owner}/${r.name}`,
    html_url: `${base}/${owner}/${r.name}`,
    clone_url: `${base}/git/${r.name}.git`,
    fork: r.fork === true,
    archived: r.archived === true,
    pushed_at: r.pushedAt ?? null,
  };
}

function gitlabProject(base: string, group: string, r: MockRepository): object {
  return {
    path_with_namespace: `${group}/${r.name}`,
    web_url: `${base}/${group}/${r.name}`,
    http_url_to_repo: `${base}/git/${r.name}.git`,
    archived: r.archived === true,
    last_activity_at: r.pushedAt ?? null,
    ...(r.fork ? { forked_from_project: { id: 1 } } : {}),
  };
}
