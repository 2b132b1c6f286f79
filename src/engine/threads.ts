/** How many detection threads a scan uses, and the process-wide pools that provide them. */
import { availableParallelism } from "node:os";
import type { DetectorOptions } from "../detect/detector.js";
import { LeakhoundError } from "../errors.js";
import type { RulePack } from "../rules/pack.js";
import { DetectorPool, type BatchDetector } from "./pool.js";

const pools = new Map<number, DetectorPool>();

/** `threads` as given, or one per core; must be a whole number ≥ 1. */
export function resolveThreads(threads: number | undefined): number {
  if (threads === undefined) return availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new LeakhoundError("USAGE", `threads must be a whole number of at least 1 (got ${threads}); use 1 to detect on the main thread`);
  }
  return threads;
}

/**
 * Worker-thread detection for `threads` > 1, or undefined: with one thread detection stays on
 * the calling thread. Pools are shared by every scan in the process (see {@link DetectorPool}).
 */
export function workerDetector(threads: number | undefined, pack: RulePack, detector: DetectorOptions): BatchDetector | undefined {
  const count = resolveThreads(threads);
  if (count <= 1) return undefined;
  let pool = pools.get(count);
  if (!pool) pools.set(count, (pool = new DetectorPool(count)));
  return pool.forPack(pack, detector);
}
