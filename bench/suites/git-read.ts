/**
 * How fast each git backend reads a history's blobs (issue 6 asks for the measurement behind
 * the choice): leakhound's history source with no detection, once through isomorphic-git and
 * once through the streamed `git cat-file --batch`, next to raw cat-file in the same run.
 */
import { fileURLToPath } from "node:url";
import { measure, repeat, summarize } from "../lib/measure.js";
import { round, type BenchRow } from "../lib/report.js";
import { blobBytes, type BenchContext } from "../lib/context.js";

const READER = fileURLToPath(new URL("../lib/read-history.ts", import.meta.url));
const TSX = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;

function readWith(repo: string, backend: string): { seconds: number; peakRssMb?: number; bytes: number } {
  const run = measure(process.execPath, ["--import", TSX, READER, repo, backend]);
  const { bytes } = JSON.parse(run.stderr.trim().split("\n").pop()!) as { bytes: number };
  return { seconds: run.seconds, ...(run.peakRssMb !== undefined ? { peakRssMb: run.peakRssMb } : {}), bytes };
}

export function gitReadSuite(ctx: BenchContext): BenchRow[] {
  // The smallest bench repository: isomorphic-git needs tens of seconds per 100 MB.
  const [name, repo] = [...ctx.repos].sort((a, b) => blobBytes(a[1]) - blobBytes(b[1]))[0] ?? [];
  if (!name || !repo) return [];
  const catFile = summarize(repeat(ctx.runs, 1, () => measure("git", ["-C", repo, "cat-file", "--batch-all-objects", "--batch"])));
  return (["git-cli", "isomorphic-git"] as const).map((backend) => {
    const read = readWith(repo, backend);
    return {
      suite: "git-read",
      name: `${name} via ${backend}`,
      metrics: {
        blobMB: round(read.bytes / 1e6, 0),
        catfile_s: round(catFile.seconds),
        read_s: round(read.seconds),
        MB_s: round(read.bytes / 1e6 / read.seconds, 0),
        rss_MB: round(read.peakRssMb ?? Number.NaN, 0),
      },
      target: "measurement (the faster backend is the default)",
    };
  });
}
