/**
 * A deterministic large history, written with `git fast-import`: `commits` commits, each
 * editing one of `files` code files a little (a few lines replaced, one inserted), the way
 * real histories grow, so most blob content is old lines again. Every 400th commit also plants
 * a fake AWS key id. Sizes: the full repository has ≥ 50,000 commits and ≥ 2 GB of unique blob
 * content; `--quick` builds a tenth of it. Built once per size and reused.
 */
import { spawn } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { Prng } from "../lib/prng.js";
import { fakeSecretLine, LinePool } from "./code-text.js";

const GENERATOR_VERSION = 2;

export interface ScaleSize {
  readonly commits: number;
  readonly files: number;
  /** Average size of a file, in bytes. */
  readonly fileBytes: number;
}

export const SCALE_FULL: ScaleSize = { commits: 50_000, files: 3_000, fileBytes: 44_000 };
export const SCALE_QUICK: ScaleSize = { commits: 5_000, files: 500, fileBytes: 44_000 };

const BASE_TIME = 1_600_000_000;

export async function generateScaleRepo(parent: string, size: ScaleSize): Promise<string> {
  const dir = join(parent, `scale-v${GENERATOR_VERSION}-${size.commits}-${size.files}-${size.fileBytes}.git`);
  if (existsSync(join(dir, "leakhound-bench-complete"))) return dir;
  rmSync(dir, { recursive: true, force: true });
  await run("git", ["init", "--bare", "--quiet", dir]);
  const child = spawn("git", ["-C", dir, "fast-import", "--quiet", "--done"], { stdio: ["pipe", "inherit", "inherit"] });
  const exited = once(child, "close");
  const write = async (text: string): Promise<void> => {
    if (!child.stdin.write(text)) await once(child.stdin, "drain");
  };
  const prng = new Prng(0x5ca1e);
  const pool = new LinePool(prng);
  const contents: string[][] = [];
  const paths: string[] = [];
  for (let c = 0; c < size.commits; c++) {
    let f: number;
    if (c < size.files) {
      f = c;
      paths.push(`pkg/mod${f % 50}/file${f}.${["go", "ts", "py", "yaml"][f % 4]}`);
      contents.push(pool.take(prng, Math.round(size.fileBytes * (0.5 + prng.int(100) / 100))));
    } else {
      f = prng.int(size.files);
      const lines = contents[f]!;
      for (let k = 1 + prng.int(3); k > 0; k--) lines[prng.int(lines.length)] = pool.take(prng, 1)[0]!;
      lines.splice(prng.int(lines.length + 1), 0, c % 400 === 0 ? fakeSecretLine(prng) : pool.take(prng, 1)[0]!);
    }
    const blob = `${contents[f]!.join("\n")}\n`;
    const time = BASE_TIME + c * 60;
    const message = `change ${c}: ${paths[f]}\n`;
    await write(
      `commit refs/heads/main\ncommitter Bench <bench@example.com> ${time} +0000\ndata ${Buffer.byteLength(message)}\n${message}` +
        `M 100644 inline ${paths[f]}\ndata ${Buffer.byteLength(blob)}\n${blob}\n`,
    );
  }
  await write("done\n");
  child.stdin.end();
  const [code] = (await exited) as [number];
  if (code !== 0) throw new Error(`git fast-import failed with exit code ${code}`);
  writeFileSync(join(dir, "leakhound-bench-complete"), "");
  return dir;
}

async function run(command: string, args: readonly string[]): Promise<void> {
  const child = spawn(command, args, { stdio: "inherit" });
  const [code] = (await once(child, "close")) as [number];
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} failed with exit code ${code}`);
}
