/**
 * A pool of detection workers (`worker_threads`). Workers start lazily, on the first batch, so a
 * scan that never needs them (a pre-commit hook with one file) never pays their start-up; then
 * they live as long as the process and serve every later scan. They are kept rather than
 * terminated because the `re2` addon crashes the process when it is loaded again into a new
 * worker after an earlier one exited. Idle workers are unref'd so they never keep a finished
 * process alive.
 */
import { Worker } from "node:worker_threads";
import type { DetectorOptions } from "../detect/detector.js";
import type { RulePack } from "../rules/pack.js";
import type { Chunk, Finding } from "../types.js";
import { WORKER_PACK_CACHE, type BatchReply, type WorkerRequest } from "./protocol.js";
import { toPortablePack } from "./transfer.js";

/** Detects batches of chunks somewhere else (a worker); one findings array per chunk. */
export interface BatchDetector {
  detectBatch(chunks: readonly Chunk[]): Promise<readonly (readonly Finding[])[]>;
  /** Starts the workers and installs the pack now, so a large scan does not wait for them later. */
  warm(): void;
}

interface Pending {
  readonly resolve: (findings: readonly (readonly Finding[])[]) => void;
  readonly reject: (err: Error) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** Pack keys installed in this worker, oldest first (mirrors the worker's own cache). */
  readonly packs: number[];
}

/**
 * A worker's young generation: V8's default (up to 48 MB per thread) is mostly garbage waiting
 * for a scavenge; 8 MB cut a 2-worker history scan's peak RSS by ~30 MB at the same speed.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * From `dist/` the worker is plain `.js`. Under tsx (tests, `npm run bench`) this module is a
 * `.ts` file and so is the worker; tsx's loader is not inherited by worker threads on Node 20,
 * so a small bootstrap registers it in the worker before importing the worker module.
 */
function spawnWorker(): Worker {
  const typescript = import.meta.url.endsWith(".ts");
  const url = new URL(typescript ? "./worker.ts" : "./worker.js", import.meta.url);
  if (!typescript) return new Worker(url, { resourceLimits: WORKER_LIMITS });
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const bootstrap = `import(${tsx}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** What a worker needs of a chunk: its text and names. A line mapping stays here (it may hold the whole blob). */
function portableChunk({ path, text, blobId }: Chunk): Chunk {
  return blobId === undefined ? { path, text } : { path, text, blobId };
}

export class DetectorPool {
  private readonly workers: PoolWorker[] = [];
  private readonly packKeys = new WeakMap<RulePack, Map<string, number>>();
  private nextKey = 0;
  private nextId = 0;
  private failure: Error | undefined;

  constructor(readonly threads: number) {}

  /** A batch detector for one pack and detector configuration. */
  forPack(pack: RulePack, detector: DetectorOptions): BatchDetector {
    let byOptions = this.packKeys.get(pack);
    if (!byOptions) this.packKeys.set(pack, (byOptions = new Map()));
    const optionsKey = JSON.stringify(detector);
    let key = byOptions.get(optionsKey);
    if (key === undefined) byOptions.set(optionsKey, (key = this.nextKey++));
    const packKey = key;
    return {
      detectBatch: (chunks) => this.detectBatch(packKey, pack, detector, chunks),
      warm: () => {
        if (this.failure) return;
        if (this.workers.length === 0) this.start();
        for (const target of this.workers) this.install(target, packKey, pack, detector);
      },
    };
  }

  private detectBatch(
    key: number,
    pack: RulePack,
    detector: DetectorOptions,
    chunks: readonly Chunk[],
  ): Promise<readonly (readonly Finding[])[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.workers.length === 0) this.start();
    const target = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    this.install(target, key, pack, detector);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      if (target.pending.size === 1) target.worker.ref();
      this.send(target, { type: "batch", id, key, chunks: chunks.map(portableChunk) });
    });
  }

  private install(target: PoolWorker, key: number, pack: RulePack, detector: DetectorOptions): void {
    if (target.packs.includes(key)) return;
    target.packs.push(key);
    if (target.packs.length > WORKER_PACK_CACHE) target.packs.shift();
    this.send(target, { type: "pack", key, pack: toPortablePack(pack), detector });
  }

  private send(target: PoolWorker, request: WorkerRequest): void {
    target.worker.postMessage(request);
  }

  private start(): void {
    for (let i = 0; i < this.threads; i++) {
      const worker = spawnWorker();
      const entry: PoolWorker = { worker, pending: new Map(), packs: [] };
      const settle = (id: number): Pending | undefined => {
        const pending = entry.pending.get(id);
        entry.pending.delete(id);
        if (entry.pending.size === 0) worker.unref();
        return pending;
      };
      worker.on("message", (reply: BatchReply) => {
        const pending = settle(reply.id);
        if ("error" in reply) pending?.reject(new Error(`detection worker failed: ${reply.error}`));
        else pending?.resolve(reply.findings);
      });
      const fail = (err: Error): void => {
        this.failure ??= err;
        for (const id of [...entry.pending.keys()]) settle(id)?.reject(err);
      };
      worker.on("error", fail);
      worker.on("exit", (code) => fail(new Error(`detection worker exited (code ${code})`)));
      // After the listeners: adding a "message" listener refs the worker's port again.
      worker.unref();
      this.workers.push(entry);
    }
  }
}
