/**
 * One long-lived `git cat-file --batch` process: object ids go in on stdin, `<oid> <type>
 * <size>\n<bytes>\n` records come back on stdout and are parsed as a stream. Requests are
 * answered in order, so callers may pipeline many reads; a blob over its caller's limit is
 * counted and discarded without being buffered. `readAll` streams a whole list of objects
 * through a reader of its own, with git running ahead of the consumer by a bounded amount.
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { LeakhoundError } from "../errors.js";
import type { BlobData } from "./backend.js";
import { gitSpawnError, spawnGit, type GitLocation } from "./exec.js";

interface Pending {
  readonly id: string;
  readonly maxBytes: number;
  readonly resolve: (blob: BlobData) => void;
  readonly reject: (error: Error) => void;
}

/** Parser state for the record currently arriving. */
interface Incoming {
  readonly pending: Pending;
  readonly size: number;
  readonly keep: boolean;
  readonly parts: Buffer[];
  received: number;
}

/** `readAll` keeps this many requests queued in git: one pipe write per half of them. */
const REQUESTS_AHEAD = 256;
/** …and stops reading git's output while this many bytes of finished blobs wait for the consumer. */
const BYTES_AHEAD = 8 * 1024 * 1024;

export class CatFileReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private readonly outgoing: string[] = [];
  private header: Buffer = Buffer.alloc(0);
  private incoming: Incoming | undefined;
  private failure: Error | undefined;
  private stderr = "";
  /** Bytes of blobs read for `readAll` that its consumer has not taken yet. */
  private unconsumed = 0;
  private closing = false;

  constructor(at: GitLocation) {
    this.child = spawnGit(at, ["cat-file", "--batch"]);
    this.child.stdout.on("data", (data: Buffer) => this.consume(data));
    this.child.stderr.on("data", (data: Buffer) => (this.stderr += data.toString("utf8")));
    this.child.on("error", (error) => this.fail(gitSpawnError(error)));
    this.child.on("close", (code) => {
      if (this.queue.length > 0 || this.incoming) {
        this.fail(new LeakhoundError("GIT_FAILED", `git cat-file exited (code ${code ?? "?"}) with reads pending: ${this.stderr.trim()}`));
      }
    });
    // Writes after the process died surface as a close/error above; do not crash on EPIPE.
    this.child.stdin.on("error", () => undefined);
  }

  read(id: string, maxBytes: number): Promise<BlobData> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id, maxBytes, resolve, reject });
      if (this.outgoing.length === 0) queueMicrotask(() => this.sendRequests());
      this.outgoing.push(id);
    });
  }

  /** One pipe write per tick for all the ids requested in it: a write per id cost more than parsing the replies. */
  private sendRequests(): void {
    const ids = this.outgoing.splice(0);
    this.child.stdin.write(`${ids.join("\n")}\n`);
  }

  /**
   * Reads `ids` in order and yields them as they arrive. Use a reader of its own for this: any
   * other read would queue behind the whole list.
   */
  async *readAll(ids: Iterable<string>, maxBytes: number): AsyncGenerator<BlobData> {
    const next = ids[Symbol.iterator]();
    const reads: Promise<BlobData>[] = [];
    let exhausted = false;
    const topUp = (): void => {
      while (!exhausted && reads.length < REQUESTS_AHEAD) {
        const step = next.next();
        if (step.done) {
          exhausted = true;
          break;
        }
        const read = this.read(step.value, maxBytes).then((blob) => this.arrived(blob));
        // A failure surfaces when its read reaches the front; it must not go unhandled meanwhile.
        read.catch(() => undefined);
        reads.push(read);
      }
    };
    topUp();
    while (reads.length > 0) {
      const blob = await reads.shift()!;
      this.taken(blob);
      if (reads.length <= REQUESTS_AHEAD / 2) topUp();
      yield blob;
    }
  }

  private arrived(blob: BlobData): BlobData {
    this.unconsumed += blob.bytes?.length ?? 0;
    if (this.unconsumed > BYTES_AHEAD && !this.closing) this.child.stdout.pause();
    return blob;
  }

  private taken(blob: BlobData): void {
    this.unconsumed -= blob.bytes?.length ?? 0;
    if (this.unconsumed <= BYTES_AHEAD) this.child.stdout.resume();
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("close", () => resolve());
      // A consumer that stopped early may have left git's output paused: git would then block
      // writing the rest and never exit. Drain it instead.
      this.closing = true;
      this.child.stdout.resume();
      this.child.stdin.end();
    });
  }

  private fail(error: Error): void {
    this.failure = error;
    if (this.incoming) this.incoming.pending.reject(error);
    this.incoming = undefined;
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }

  private consume(data: Buffer): void {
    let offset = 0;
    while (offset < data.length) {
      if (this.incoming) {
        offset = this.consumeBody(data, offset);
        continue;
      }
      const newline = data.indexOf(10, offset);
      if (newline === -1) {
        this.header = Buffer.concat([this.header, data.subarray(offset)]);
        return;
      }
      const line = Buffer.concat([this.header, data.subarray(offset, newline)]).toString("utf8");
      this.header = Buffer.alloc(0);
      offset = newline + 1;
      this.startRecord(line);
    }
  }

  private startRecord(line: string): void {
    const pending = this.queue.shift();
    if (!pending) return;
    const [, type, sizeText] = line.split(" ");
    if (type === undefined || sizeText === undefined || type === "missing" || sizeText === "missing") {
      pending.reject(new LeakhoundError("GIT_FAILED", `object ${pending.id} is missing from the repository`));
      return;
    }
    const size = Number(sizeText);
    // The trailing newline after the content is part of the record.
    this.incoming = { pending, size, keep: size <= pending.maxBytes, parts: [], received: 0 };
  }

  private consumeBody(data: Buffer, offset: number): number {
    const record = this.incoming!;
    const want = record.size + 1 - record.received;
    const take = Math.min(want, data.length - offset);
    if (record.keep) record.parts.push(data.subarray(offset, offset + take));
    record.received += take;
    if (record.received === record.size + 1) {
      this.incoming = undefined;
      const bytes = record.keep ? Buffer.concat(record.parts).subarray(0, record.size) : undefined;
      record.pending.resolve({ id: record.pending.id, size: record.size, ...(bytes ? { bytes } : {}) });
    }
    return offset + take;
  }
}
