/**
 * `--shard I/N`: a stable partition of the inventory by a hash of each repository's id, so a
 * repository stays on the same shard across runs and machines whatever order the API lists it in.
 * `--shard auto/N` takes I from JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs).
 */
import { createHash } from "node:crypto";
import { LeakhoundError } from "../errors.js";

export interface Shard {
  /** 0-based. */
  readonly index: number;
  readonly count: number;
}

export function parseShard(spec: string, env: NodeJS.ProcessEnv): Shard {
  const m = /^(\d+|auto)\/(\d+)$/.exec(spec.trim());
  const usage = `--shard takes I/N (0 ≤ I < N) or auto/N, got "${spec}"`;
  if (!m) throw new LeakhoundError("USAGE", usage);
  const count = Number(m[2]);
  let indexText = m[1]!;
  if (indexText === "auto") {
    const fromEnv = env["JOB_COMPLETION_INDEX"];
    if (fromEnv === undefined || !/^\d+$/.test(fromEnv)) {
      throw new LeakhoundError("USAGE", `--shard auto/${count} needs JOB_COMPLETION_INDEX (set by Kubernetes Indexed Jobs) to be a number`, {
        details: ["run inside an Indexed Job, or pass the index explicitly: --shard I/N"],
      });
    }
    indexText = fromEnv;
  }
  const index = Number(indexText);
  if (count < 1 || index >= count) throw new LeakhoundError("USAGE", usage);
  return { index, count };
}

/** The shard (0-based) a repository id belongs to among `count`. */
export function shardOf(id: string, count: number): number {
  return createHash("sha256").update(id).digest().readUInt32BE(0) % count;
}

export function inShard<T>(items: readonly T[], idOf: (item: T) => string, shard: Shard | undefined): T[] {
  return shard ? items.filter((item) => shardOf(idOf(item), shard.count) === shard.index) : [...items];
}
