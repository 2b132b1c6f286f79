/** Messages between the detector pool and its worker threads. Plain data (structured clone). */
import type { DetectorOptions } from "../detect/detector.js";
import type { Chunk, Finding } from "../types.js";
import type { PortablePack } from "./transfer.js";

/** Installs a rule pack under `key`; later batches name the pack they are detected with. */
export interface PackMessage {
  readonly type: "pack";
  readonly key: number;
  readonly pack: PortablePack;
  readonly detector: DetectorOptions;
}

/** A batch of consecutive chunks to detect, in source order. */
export interface BatchMessage {
  readonly type: "batch";
  readonly id: number;
  readonly key: number;
  readonly chunks: readonly Chunk[];
}

export type WorkerRequest = PackMessage | BatchMessage;

/** Findings per chunk of the batch (same order), or why the batch failed. */
export type BatchReply =
  | { readonly id: number; readonly findings: readonly (readonly Finding[])[] }
  | { readonly id: number; readonly error: string };

/** How many installed packs a worker keeps compiled (scans in one process usually share one). */
export const WORKER_PACK_CACHE = 4;
