import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { GitFixture } from "../helpers/git-fixture.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/temp.js";
import { fakeGithubToken } from "../helpers/tokens.js";

const ENTRY = fileURLToPath(new URL("../helpers/cli-entry.ts", import.meta.url));
const TSX_LOADER = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;
const REPOSITORIES = 24;
const FILES_PER_REPOSITORY = 40;

/** Blobs the state has committed so far (0 before the database exists); safe while an audit writes. */
function scannedBlobs(stateDir: string): number {
  try {
    const db = new Database(join(stateDir, "audit.sqlite"), { fileMustExist: true, timeout: 5000 });
    try {
      return db.prepare("SELECT count(*) FROM blobs").pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/** The JSON report without the audit-time columns (they differ between two runs by design). */
async function findingsOf(stateDir: string): Promise<unknown[]> {
  const report = JSON.parse((await runCli(["audit", "report", "--state", stateDir, "--format", "json"])).stdout) as { findings: Record<string, unknown>[] };
  return report.findings.map(({ firstSeen: _f, lastSeen: _l, ...rest }) => rest);
}

describe("audit crash safety", () => {
  const work = tempDir("leakhound-audit-crash-");
  const fixtures: GitFixture[] = [];
  afterAll(() => fixtures.forEach((f) => f.cleanup()));

  it("resumes after kill -9 without losing or rescanning committed work", async () => {
    const paths: string[] = [];
    for (let r = 0; r < REPOSITORIES; r++) {
      const fixture = GitFixture.create();
      fixtures.push(fixture);
      for (let f = 0; f < FILES_PER_REPOSITORY; f++) {
        fixture.write(`src/file${f}.txt`, f % 10 === 0 ? `token = "${fakeGithubToken()}"\n` : `repository ${r} file ${f}\n`);
      }
      fixture.commit("initial");
      paths.push(fixture.dir);
    }
    const total = REPOSITORIES * FILES_PER_REPOSITORY;
    const reposFile = work.write("repos.txt", `${paths.join("\n")}\n`);

    const clean = join(work.path, "clean");
    await runCli(["audit", "--repos", reposFile, "--state", clean]);
    expect(scannedBlobs(clean)).toBe(total);

    const crashed = join(work.path, "crashed");
    const child = spawn(process.execPath, ["--import", TSX_LOADER, ENTRY, "audit", "--repos", reposFile, "--state", crashed, "--concurrency", "1"], { stdio: ["ignore", "ignore", "pipe"] });
    // Touch the database only once the child has created it (and switched it to WAL).
    let progress = "";
    child.stderr.on("data", (d: Buffer) => (progress += d.toString("utf8")));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    let atKill = 0;
    while (child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 10));
      if (!progress.includes("[1/")) continue;
      atKill = scannedBlobs(crashed);
      if (atKill >= total / 4) {
        child.kill("SIGKILL");
        break;
      }
    }
    expect(await exited).toBe("SIGKILL");
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(total);

    const resumed = await runCli(["audit", "--repos", reposFile, "--state", crashed]);
    const rescanned = Number(/(\d+) blobs \(/.exec(resumed.stderr.split("\n").filter(Boolean).at(-1) ?? "")?.[1]);
    // Everything committed before the kill is kept: the resumed run scans at most the rest.
    expect(rescanned).toBeLessThanOrEqual(total - atKill);
    expect(scannedBlobs(crashed)).toBe(total);
    expect(await findingsOf(crashed)).toEqual(await findingsOf(clean));
  });
});
