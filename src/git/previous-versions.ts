/**
 * Decides which lines of a blob need scanning, given the blobs at the same path in the commit's
 * parents. A range scans only what its commits add over their parents. A full history scans a
 * new version's added lines only when every previous version was itself scanned (or skipped by
 * the caller as scanned elsewhere): then every other line was already seen there, and is
 * reported once, at the commit that added it.
 *
 * Previous versions come from a bounded cache of recently scanned blobs, or are read ahead
 * (`prefetch`) while earlier blobs are being processed, so the pipeline does not stall on them.
 */
import { addedAgainstAll } from "./added-lines.js";
import { NULL_OID, type GitBackend } from "./backend.js";
import { BlobCache } from "./blob-cache.js";
import { blobContent } from "./blob-content.js";

/**
 * Previous versions kept for comparison (bytes). Consecutive versions of a file are usually
 * introduced close together in history order, so a modest cache catches nearly all of them;
 * a miss costs one more read. On golangci-lint 8, 16 and 32 MiB ran at the same speed.
 */
const PREVIOUS_BLOB_CACHE_BYTES = 16 * 1024 * 1024;

const EMPTY = Buffer.alloc(0);

export class PreviousVersions {
  private readonly cache = new BlobCache(PREVIOUS_BLOB_CACHE_BYTES);
  private readonly pending = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly backend: GitBackend,
    private readonly maxFileSize: number,
    /** Whether a blob's every line has been scanned already (in this run or elsewhere). */
    private readonly covered: (id: string) => boolean,
    /** Range mode: only added lines count, whether or not the previous versions were scanned. */
    private readonly onlyAdded: boolean,
  ) {}

  remember(id: string, bytes: Buffer): void {
    this.cache.set(id, bytes);
  }

  /**
   * Starts reading the previous versions a blob will be compared with, unless they are at hand
   * or `arriving` says they are about to be scanned (and so remembered) anyway.
   */
  prefetch(parents: readonly string[], arriving: (id: string) => boolean): void {
    for (const parent of parents) {
      if (parent === NULL_OID || this.pending.has(parent) || this.cache.has(parent) || arriving(parent)) continue;
      if (!this.onlyAdded && !this.covered(parent)) continue;
      const read = this.read(parent);
      read.catch(() => undefined);
      this.pending.set(parent, read);
    }
  }

  /** Byte offsets of the lines `bytes` adds over `parents` (ascending), or undefined when all of it must be scanned. */
  async addedLineStarts(parents: readonly string[], bytes: Buffer): Promise<number[] | undefined> {
    if (parents.every((p) => p === NULL_OID)) return undefined;
    if (!this.onlyAdded && !parents.every((p) => p === NULL_OID || this.covered(p))) return undefined;
    const previous: Buffer[] = [];
    for (const parent of parents) previous.push(parent === NULL_OID ? EMPTY : await this.bytes(parent));
    return addedAgainstAll(previous, bytes);
  }

  private async bytes(id: string): Promise<Buffer> {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached;
    const pending = this.pending.get(id);
    this.pending.delete(id);
    return pending ?? this.read(id);
  }

  /** A previous version's bytes; one that is not text (binary, too large) counts as empty. */
  private async read(id: string): Promise<Buffer> {
    const content = blobContent(await this.backend.readBlob(id, this.maxFileSize), this.maxFileSize);
    return content.kind === "text" ? content.bytes : EMPTY;
  }
}
