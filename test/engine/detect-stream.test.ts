import { describe, expect, it } from "vitest";
import { createDetector } from "../../src/detect/detector.js";
import { detectStream, type DetectedEvent } from "../../src/engine/detect-stream.js";
import { workerDetector } from "../../src/engine/threads.js";
import type { SourceEvent } from "../../src/sources/source.js";
import { fakeAwsKeyId, fakeGithubToken, fakeHex } from "../helpers/tokens.js";
import { testPack } from "./test-pack.js";

const pack = testPack();
const inline = createDetector(pack);

/** A deterministic mix of clean chunks, chunks with secrets and notices. */
function sampleEvents(): SourceEvent[] {
  const events: SourceEvent[] = [];
  const secrets = [fakeGithubToken(), `aws_access_key_id = ${fakeAwsKeyId()}`, `password = "${fakeHex(24)}"`];
  for (let i = 0; i < 120; i++) {
    const filler = `const value${i} = compute(${i}); // token handling and passwords are elsewhere\n`.repeat(1 + (i % 7) * 40);
    const text = i % 5 === 0 ? `${filler}\nconfig = "${secrets[i % secrets.length]}"\n${filler}` : filler;
    events.push({ type: "chunk", chunk: { path: `src/file-${String(i).padStart(3, "0")}.ts`, text }, context: {} });
    if (i % 17 === 0) events.push({ type: "notice", notice: { level: "note", code: "BINARY_SKIPPED", path: `bin/${i}`, message: "skipped" } });
  }
  return events;
}

async function* from(events: readonly SourceEvent[]): AsyncGenerator<SourceEvent> {
  for (const event of events) yield event;
}

async function collect(stream: AsyncIterable<DetectedEvent>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const event of stream) {
    out.push(event.type === "detected" ? { path: event.chunk.path, findings: event.findings } : event);
  }
  return out;
}

describe("detectStream", () => {
  it("gives the same events, findings and order on the calling thread and on 1, 2 or 3 workers", async () => {
    const events = sampleEvents();
    const expected = await collect(detectStream(from(events), { inline }));
    expect(expected.filter((e) => (e as { findings?: unknown[] }).findings?.length).length).toBeGreaterThanOrEqual(20);
    for (const threads of [2, 3]) {
      const pool = workerDetector(threads, pack, {});
      // Tiny batches and no inline start: every chunk crosses to a worker, batches finish out of order.
      const actual = await collect(detectStream(from(events), { inline, pool: pool!, inlineLimit: 0, batchChunks: 3, batchBytes: 4096 }));
      expect(actual).toEqual(expected);
    }
  });

  it("stops pulling from the source while too much text waits (back-pressure)", async () => {
    let produced = 0;
    let consumed = 0;
    let maxAhead = 0;
    async function* fast(): AsyncGenerator<SourceEvent> {
      for (let i = 0; i < 400; i++) {
        produced++;
        maxAhead = Math.max(maxAhead, produced - consumed);
        yield { type: "chunk", chunk: { path: `f${i}`, text: "x".repeat(10_000) } };
      }
    }
    const pool = workerDetector(2, pack, {})!;
    const limits = { maxPendingBytes: 100_000, maxPendingEvents: 1000, batchChunks: 4, inlineLimit: 0 };
    for await (const event of detectStream(fast(), { inline, pool, ...limits })) {
      expect(event.type).toBe("detected");
      consumed++;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(consumed).toBe(400);
    // At most maxPendingBytes of text waits, plus the chunk that crossed the limit.
    expect(maxAhead).toBeLessThanOrEqual(limits.maxPendingBytes / 10_000 + 2);
  });
});

describe("detectStream with a large source", () => {
  it("starts the workers when the source announces a large scan, and sends them even the first chunks", async () => {
    const calls: string[] = [];
    const pool = {
      warm: () => calls.push("warm"),
      detectBatch: async (chunks: readonly { path: string }[]) => {
        calls.push(`batch ${chunks.map((c) => c.path).join(",")}`);
        return chunks.map(() => []);
      },
    };
    async function* source(large: boolean): AsyncGenerator<SourceEvent> {
      if (large) yield { type: "large" };
      yield { type: "chunk", chunk: { path: "a", text: "small" } };
    }
    for await (const event of detectStream(source(false), { inline, pool })) expect(event.type).toBe("detected");
    expect(calls).toEqual([]);
    const events: DetectedEvent[] = [];
    for await (const event of detectStream(source(true), { inline, pool })) events.push(event);
    expect(calls).toEqual(["warm", "batch a"]);
    expect(events.map((e) => e.type)).toEqual(["detected"]);
  });
});
