import { describe, expect, it } from "vitest";
import { credentialEnv, scrubSecrets, stripCredentials, tokenCredential } from "../../src/audit/credentials.js";
import { globToRegExp } from "../../src/audit/glob.js";
import { createProgress, formatDuration } from "../../src/audit/progress.js";
import { formatBytes } from "../../src/report/text.js";
import { rateLimitDelayMs } from "../../src/audit/rate-limit.js";
import { csvCell } from "../../src/audit/report-csv.js";
import { inShard, parseShard, shardOf } from "../../src/audit/shard.js";
import { fakeGithubToken } from "../helpers/tokens.js";

describe("shards", () => {
  it("parses I/N and auto/N (JOB_COMPLETION_INDEX) and rejects the rest with a usage error", () => {
    expect(parseShard("2/4", {})).toEqual({ index: 2, count: 4 });
    expect(parseShard("auto/4", { JOB_COMPLETION_INDEX: "3" })).toEqual({ index: 3, count: 4 });
    for (const bad of ["4/4", "1", "a/2", "0/0"]) expect(() => parseShard(bad, {})).toThrow(/--shard takes I\/N/);
    expect(() => parseShard("auto/4", {})).toThrow(/JOB_COMPLETION_INDEX/);
  });

  it("partitions stably: every id in exactly one shard, independent of order", () => {
    const ids = Array.from({ length: 200 }, (_, i) => `github.com/acme/repo-${i}`);
    const shards = [0, 1, 2, 3].map((index) => inShard(ids, (id) => id, { index, count: 4 }));
    expect(shards.flat().sort()).toEqual([...ids].sort());
    expect(shards.every((s) => s.length > 30)).toBe(true);
    expect(inShard([...ids].reverse(), (id) => id, { index: 1, count: 4 }).sort()).toEqual([...shards[1]!].sort());
    expect(shardOf("github.com/acme/api", 4)).toBe(shardOf("github.com/acme/api", 4));
  });
});

describe("credentials", () => {
  it("strips user info from URLs and leaves other remotes alone", () => {
    expect(stripCredentials("https://user:s3cret@github.com/a/b.git")).toBe("https://github.com/a/b.git");
    expect(stripCredentials("https://github.com/a/b.git")).toBe("https://github.com/a/b.git");
    expect(stripCredentials("git@github.com:a/b.git")).toBe("git@github.com:a/b.git");
    expect(stripCredentials("/srv/git/b.git")).toBe("/srv/git/b.git");
  });

  it("passes the token as a header in the environment and scrubs it from messages", () => {
    const token = fakeGithubToken();
    const credential = tokenCredential(token, "github");
    const env = credentialEnv(credential);
    expect(env).toMatchObject({ GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "http.extraHeader" });
    const header = env["GIT_CONFIG_VALUE_0"]!;
    expect(Buffer.from(header.replace("Authorization: Basic ", ""), "base64").toString()).toBe(`x-access-token:${token}`);
    expect(scrubSecrets(`fatal: ${token} and ${header}`, credential)).not.toMatch(new RegExp(`${token}|${header.slice(-20)}`));
    expect(credentialEnv(undefined)).toEqual({});
  });
});

describe("small helpers", () => {
  it("matches repository globs", () => {
    expect(globToRegExp("acme/api-*").test("acme/api-gateway")).toBe(true);
    expect(globToRegExp("acme/*").test("acme/sub/x")).toBe(false);
    expect(globToRegExp("acme/**").test("acme/sub/x")).toBe(true);
    expect(globToRegExp("a.b/?").test("axb/c")).toBe(false);
  });

  it("quotes CSV cells and defuses spreadsheet formulas", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(12)).toBe("12");
  });

  it("reads rate-limit waits from retry-after or the reset time", () => {
    const headers = (h: Record<string, string>) => (name: string) => h[name];
    expect(rateLimitDelayMs(403, headers({ "retry-after": "7" }))).toBe(7000);
    expect(rateLimitDelayMs(403, headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1010" }), 1_000_000)).toBe(10_000);
    expect(rateLimitDelayMs(403, headers({ "x-ratelimit-remaining": "12" }))).toBeUndefined();
    expect(rateLimitDelayMs(500, headers({ "retry-after": "1" }))).toBeUndefined();
  });

  it("shows progress in place on a terminal and as log lines otherwise", () => {
    let now = 0;
    let tty = "";
    const onTty = createProgress((t) => (tty += t), true, () => now);
    onTty.start(4);
    onTty.blob(2048, 1);
    now = 10_000;
    onTty.repositoryDone("acme/api", "3 blobs");
    expect(tty).toContain("\r\x1b[2Kaudit: 1/4 repositories · 2.0 KB scanned · 1 new findings · ETA 30s");
    let plain = "";
    const onPipe = createProgress((t) => (plain += t), false);
    onPipe.start(2);
    onPipe.repositoryDone("acme/api", "unchanged in 0s");
    expect(plain).toBe("[1/2] acme/api: unchanged in 0s\n");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MB");
    expect(formatDuration(3_725_000)).toBe("1h02m");
  });
});
