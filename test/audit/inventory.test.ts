import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveInventory } from "../../src/audit/inventory.js";
import { parseReposFile } from "../../src/audit/inventory-file.js";
import { tempDir } from "../helpers/temp.js";
import { fakeGithubToken } from "../helpers/tokens.js";
import { startMockHost, type MockHost } from "./helpers/mock-host.js";

const repositories = [
  { name: "api", bareDir: "/nonexistent" },
  { name: "web", bareDir: "/nonexistent" },
  { name: "api-fork", bareDir: "/nonexistent", fork: true },
  { name: "legacy", bareDir: "/nonexistent", archived: true },
  { name: "tools-cli", bareDir: "/nonexistent" },
];

describe("GitHub inventory (loopback mock API)", () => {
  const token = fakeGithubToken();
  let host: MockHost;
  beforeAll(async () => {
    host = await startMockHost({ owner: "acme", repositories, token, pageSize: 2, rateLimitFirst: true });
  });
  afterAll(() => host.close());

  it("follows pagination, retries after a rate limit, and drops forks and archived repositories", async () => {
    const logs: string[] = [];
    const entries = await resolveInventory({ source: { kind: "github-org", owner: "acme" }, apiUrl: host.url, token, log: (l) => logs.push(l) });
    expect(entries.map((e) => e.repo.name)).toEqual(["acme/api", "acme/tools-cli", "acme/web"]);
    expect(logs.some((l) => /rate limit: retrying in 1s/.test(l))).toBe(true);
    expect(host.requests.filter((r) => r.path.startsWith("/orgs/acme/repos")).length).toBe(4);
    expect(host.requests.every((r) => r.authorized)).toBe(true);
    const [api] = entries;
    expect(api!.repo).toMatchObject({ id: `${new URL(host.url).host}/acme/api`, cloneUrl: `${host.url}/git/api.git`, webUrl: `${host.url}/acme/api` });
    expect(api!.credential).toEqual({ user: "x-access-token", password: token });
    expect(JSON.stringify(api!.repo)).not.toContain(token);
  });

  it("includes forks and archived repositories on request, and filters by glob", async () => {
    const all = await resolveInventory({ source: { kind: "github-user", owner: "acme" }, apiUrl: host.url, token, includeForks: true, includeArchived: true });
    expect(all).toHaveLength(5);
    const globbed = await resolveInventory({ source: { kind: "github-org", owner: "acme" }, apiUrl: host.url, token, includeForks: true, repoGlob: "acme/api*" });
    expect(globbed.map((e) => e.repo.name)).toEqual(["acme/api", "acme/api-fork"]);
  });

  it("fails with INVENTORY_FAILED and a hint when the token is wrong", async () => {
    await expect(resolveInventory({ source: { kind: "github-org", owner: "acme" }, apiUrl: host.url, token: fakeGithubToken() })).rejects.toMatchObject({
      code: "INVENTORY_FAILED",
      message: expect.stringContaining("HTTP 401"),
    });
  });
});

describe("GitLab inventory (loopback mock API)", () => {
  it("pages with x-next-page and marks forks", async () => {
    const token = fakeGithubToken("glpat");
    const host = await startMockHost({ owner: "platform", repositories, token, pageSize: 2 });
    try {
      const entries = await resolveInventory({ source: { kind: "gitlab-group", group: "platform" }, apiUrl: `${host.url}/api/v4`, token, includeForks: true });
      expect(entries.map((e) => e.repo.name)).toEqual(["platform/api", "platform/api-fork", "platform/tools-cli", "platform/web"]);
      expect(entries.find((e) => e.repo.name === "platform/api-fork")!.repo.fork).toBe(true);
      expect(entries[0]!.credential).toEqual({ user: "oauth2", password: token });
    } finally {
      await host.close();
    }
  });
});

describe("repos file", () => {
  it("reads URLs and paths, skips comments, takes credentials out of URLs", () => {
    const secret = fakeGithubToken();
    const entries = parseReposFile(
      [
        "# production services",
        `https://ci:${secret}@github.com/acme/api.git   # with a token`,
        "",
        "git@gitlab.example.com:group/sub/tool.git",
        "../mirrors/local-repo",
        "/srv/git/other.git",
      ].join("\n"),
      "/work/audit",
    );
    expect(entries.map((e) => e.repo)).toEqual([
      { id: "github.com/acme/api", name: "acme/api", cloneUrl: "https://github.com/acme/api.git", webUrl: "https://github.com/acme/api", fork: false, archived: false },
      { id: "gitlab.example.com/group/sub/tool", name: "group/sub/tool", cloneUrl: "git@gitlab.example.com:group/sub/tool.git", fork: false, archived: false },
      { id: "/work/mirrors/local-repo", name: "local-repo", cloneUrl: "/work/mirrors/local-repo", fork: false, archived: false },
      { id: "/srv/git/other.git", name: "other", cloneUrl: "/srv/git/other.git", fork: false, archived: false },
    ]);
    expect(entries[0]!.credential).toEqual({ user: "ci", password: secret });
  });
});

describe("inventory order", () => {
  const dir = tempDir("leakhound-inventory-");
  it("sorts by id and drops a repository listed twice", async () => {
    const file = dir.write("repos.txt", "/srv/b.git\n/srv/a.git\n/srv/b.git\n");
    const entries = await resolveInventory({ source: { kind: "repos-file", file } });
    expect(entries.map((e) => e.repo.id)).toEqual(["/srv/a.git", "/srv/b.git"]);
  });
});
