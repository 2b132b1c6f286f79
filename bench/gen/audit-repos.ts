/**
 * Deterministic repositories for the audit benchmark, written with `git fast-import`: `count`
 * small services of ~`commits` commits over `files` code files, with a fake AWS key id planted
 * now and then; every tenth repository is a fork of the one before it (same history plus a few
 * commits of its own), so cross-repository dedup has work to do. Built once per size and reused.
 * Each is ready to be served over git's dumb HTTP protocol.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Prng } from "../lib/prng.js";
import { fakeSecretLine, LinePool } from "./code-text.js";

const GENERATOR_VERSION = 2;
const BASE_TIME = 1_650_000_000;

export interface AuditReposSize {
  readonly count: number;
  readonly commits: number;
  readonly files: number;
  readonly fileBytes: number;
}

export const AUDIT_REPOS_FULL: AuditReposSize = { count: 200, commits: 40, files: 30, fileBytes: 8_000 };
export const AUDIT_REPOS_QUICK: AuditReposSize = { count: 200, commits: 10, files: 10, fileBytes: 4_000 };

/** Generates (or reuses) the repositories; returns their directories in order. */
export async function generateAuditRepos(parent: string, size: AuditReposSize): Promise<string[]> {
  const root = join(parent, `audit-v${GENERATOR_VERSION}-${size.count}-${size.commits}-${size.files}-${size.fileBytes}`);
  const dirs = Array.from({ length: size.count }, (_, i) => join(root, `service-${String(i).padStart(3, "0")}.git`));
  if (existsSync(join(root, "complete"))) return dirs;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const pool = new LinePool(new Prng(0xa0d17), 50_000);
  for (let i = 0; i < size.count; i++) {
    const isFork = i % 10 === 9;
    // A fork replays its origin's history (same seed), then adds its own commits.
    const family = isFork ? i - 1 : i;
    await fastImport(dirs[i]!, pool, size, family, isFork ? 3 : 0, i);
  }
  writeFileSync(join(root, "complete"), "");
  return dirs;
}

async function fastImport(dir: string, pool: LinePool, size: AuditReposSize, family: number, extraCommits: number, own: number): Promise<void> {
  await run("git", ["init", "--bare", "--quiet", dir]);
  const child = spawn("git", ["-C", dir, "fast-import", "--quiet", "--done"], { stdio: ["pipe", "inherit", "inherit"] });
  const exited = once(child, "close");
  const write = async (text: string): Promise<void> => {
    if (!child.stdin.write(text)) await once(child.stdin, "drain");
  };
  const commit = async (prng: Prng, contents: string[][], paths: string[], c: number, label: string): Promise<void> => {
    const f = c < size.files ? c : prng.int(size.files);
    if (c < size.files) {
      paths.push(`src/${["api", "core", "util"][f % 3]}/module${f}.${["go", "ts", "py"][f % 3]}`);
      contents.push(pool.take(prng, Math.round(size.fileBytes * (0.5 + prng.int(100) / 100))));
    } else {
      const lines = contents[f]!;
      lines[prng.int(lines.length)] = pool.take(prng, 1)[0]!;
      lines.splice(prng.int(lines.length + 1), 0, prng.int(12) === 0 ? fakeSecretLine(prng) : pool.take(prng, 1)[0]!);
    }
    const blob = `${contents[f]!.join("\n")}\n`;
    const message = `${label} ${c}: ${paths[f]}\n`;
    await write(
      `commit refs/heads/main\ncommitter Bench <bench@example.com> ${BASE_TIME + c * 3600} +0000\ndata ${Buffer.byteLength(message)}\n${message}` +
        `M 100644 inline ${paths[f]}\ndata ${Buffer.byteLength(blob)}\n${blob}\n`,
    );
  };
  const familyPrng = new Prng(0x5e7 + family);
  const contents: string[][] = [];
  const paths: string[] = [];
  for (let c = 0; c < size.commits; c++) await commit(familyPrng, contents, paths, c, "change");
  const ownPrng = new Prng(0xf0 + own);
  for (let c = size.commits; c < size.commits + extraCommits; c++) await commit(ownPrng, contents, paths, c, "fork change");
  await write("done\n");
  child.stdin.end();
  const [code] = (await exited) as [number];
  if (code !== 0) throw new Error(`git fast-import failed with exit code ${code} in ${dir}`);
  // Served over git's dumb HTTP protocol by the benchmark's loopback host.
  await run("git", ["--git-dir", dir, "update-server-info"]);
}

async function run(command: string, args: readonly string[]): Promise<void> {
  const child = spawn(command, args, { stdio: "inherit" });
  const [code] = (await once(child, "close")) as [number];
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} failed with exit code ${code}`);
}
