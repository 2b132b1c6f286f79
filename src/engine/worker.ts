/**
 * A detection worker: compiles each rule pack it is sent once, then answers batches of chunks
 * with their findings. Pure CPU work; it does no I/O of its own.
 */
import { parentPort } from "node:worker_threads";
import { createDetector, type Detector } from "../detect/detector.js";
import { WORKER_PACK_CACHE, type BatchReply, type WorkerRequest } from "./protocol.js";
import { revivePack } from "./transfer.js";

/** Installed detectors by pack key, oldest first (insertion order) so the oldest is evicted. */
const detectors = new Map<number, Detector>();

parentPort!.on("message", (request: WorkerRequest) => {
  if (request.type === "pack") {
    detectors.set(request.key, createDetector(revivePack(request.pack), request.detector));
    if (detectors.size > WORKER_PACK_CACHE) detectors.delete(detectors.keys().next().value!);
    return;
  }
  let reply: BatchReply;
  try {
    const detector = detectors.get(request.key);
    if (!detector) throw new Error(`rule pack ${request.key} is not installed in this worker`);
    reply = { id: request.id, findings: request.chunks.map((chunk) => detector.detect(chunk)) };
  } catch (err) {
    reply = { id: request.id, error: (err as Error).stack ?? String(err) };
  }
  parentPort!.postMessage(reply);
});
