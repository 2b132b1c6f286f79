/**
 * Builds git repositories on the fly with the git CLI for tests: fixed author, committer and
 * dates (each commit one minute after the previous one), no signing, no user or system config,
 * all inside a temporary directory that `cleanup()` removes.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const EPOCH = Date.parse("2024-01-01T00:00:00Z");

export const AUTHOR = { name: "Test Author", email: "author@example.com" } as const;

export class GitFixture {
  private tick = 0;

  private constructor(
    /** The temporary directory holding this fixture (and any clones made from it). */
    readonly home: string,
    /** The repository's work tree (or the bare repository's directory). */
    readonly dir: string,
  ) {}

  /** A fresh repository with branch `main`; `bare` makes a bare one (fill it by pushing from `clone()`). */
  static create(options: { readonly bare?: boolean } = {}): GitFixture {
    const home = mkdtempSync(join(tmpdir(), "leakhound-git-"));
    const dir = join(home, "repo");
    const fixture = new GitFixture(home, dir);
    fixture.run(home, ["init", "--quiet", "--initial-branch=main", ...(options.bare ? ["--bare"] : []), dir]);
    return fixture;
  }

  /** Runs git in the repository and returns its trimmed stdout. */
  git(...args: string[]): string {
    return this.run(this.dir, args);
  }

  /** Runs git in any directory with the fixture's fixed identity and clock. */
  run(cwd: string, args: readonly string[]): string {
    const date = new Date(EPOCH + this.tick * 60_000).toISOString();
    return execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "protocol.file.allow=always", ...args], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        HOME: this.home,
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_AUTHOR_NAME: AUTHOR.name,
        GIT_AUTHOR_EMAIL: AUTHOR.email,
        GIT_COMMITTER_NAME: AUTHOR.name,
        GIT_COMMITTER_EMAIL: AUTHOR.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    }).trim();
  }

  write(path: string, content: string): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  remove(path: string): this {
    this.git("rm", "--quiet", path);
    return this;
  }

  /** `git mv`, creating the target's directory first. */
  move(from: string, to: string): this {
    mkdirSync(dirname(join(this.dir, to)), { recursive: true });
    this.git("mv", from, to);
    return this;
  }

  /** Stages everything and commits; returns the new commit's id. */
  commit(message: string): string {
    this.tick++;
    this.git("add", "--all");
    this.git("commit", "--quiet", "--allow-empty", "-m", message);
    return this.git("rev-parse", "HEAD");
  }

  /**
   * Merges `branch` into the current branch with a hand-made resolution: the merge commit's
   * content is ours plus `files`, so what `files` holds differs from both parents.
   */
  mergeResolving(branch: string, message: string, files: Readonly<Record<string, string>>): string {
    this.tick++;
    this.git("merge", "--quiet", "--no-ff", "--no-commit", "-s", "ours", branch);
    for (const [path, content] of Object.entries(files)) this.write(path, content);
    this.git("add", "--all");
    this.git("commit", "--quiet", "-m", message);
    return this.git("rev-parse", "HEAD");
  }

  /** Advances the clock, for commands that create commits themselves (merge, tag -a). */
  nextTick(): this {
    this.tick++;
    return this;
  }

  /** A path inside the fixture's temporary directory. */
  path(name: string): string {
    return join(this.home, name);
  }

  cleanup(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}
