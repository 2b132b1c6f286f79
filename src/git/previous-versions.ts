/**
 * Decides which lines of a blob need scanning, given the blobs at the same path in the commit's
 * parents. A range scans only what its commits add over their parents. A full history scans a
 * new version's added lines only when every previous version was itself scanned (or skipped by
 * the caller as scanned elsewhere): then every other line was already seen there, and is
 * reported once, at the commit that added it.
 *
 * Previous versions come from a bounded cache of recently scanned texts, or are read ahead
 * (`prefetch`) while earlier blobs are being processed, so the pipeline does not stall on them.
 */
import { addedAgainstAll } from "./added-lines.js";
import { NULL_OID, type GitBackend } from "./backend.js";
import { blobContent } from "./blob-content.js";
import { TextCache } from "./text-cache.js";

/** Previous versions kept in memory for added-line comparison (characters: 8-16 MB; a larger cache bought no speed on golangci-lint, only RSS). */
const PREVIOUS_TEXT_CACHE_CHARS = 8 * 1024 * 1024;

export class PreviousVersions {
  private readonly cache = new TextCache(PREVIOUS_TEXT_CACHE_CHARS);
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly backend: GitBackend,
    private readonly maxFileSize: number,
    /** Whether a blob's every line has been scanned already (in this run or elsewhere). */
    private readonly covered: (id: string) => boolean,
    /** Range mode: only added lines count, whether or not the previous versions were scanned. */
    private readonly onlyAdded: boolean,
  ) {}

  remember(id: string, text: string): void {
    this.cache.set(id, text);
  }

  /** Starts reading the previous versions a blob will be compared with, unless they are at hand. */
  prefetch(parents: readonly string[]): void {
    for (const parent of parents) {
      if (parent === NULL_OID || this.pending.has(parent) || this.cache.has(parent)) continue;
      if (!this.onlyAdded && !this.covered(parent)) continue;
      const read = this.read(parent);
      read.catch(() => undefined);
      this.pending.set(parent, read);
    }
  }

  /** The 1-based lines `text` adds over `parents`, or undefined when all of it must be scanned. */
  async addedLines(parents: readonly string[], text: string): Promise<Set<number> | undefined> {
    if (parents.every((p) => p === NULL_OID)) return undefined;
    if (!this.onlyAdded && !parents.every((p) => p === NULL_OID || this.covered(p))) return undefined;
    const texts: string[] = [];
    for (const parent of parents) texts.push(parent === NULL_OID ? "" : await this.text(parent));
    return addedAgainstAll(texts, text);
  }

  private async text(id: string): Promise<string> {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached;
    const pending = this.pending.get(id);
    this.pending.delete(id);
    return pending ?? this.read(id);
  }

  /** A previous version's text; one that is not text (binary, too large) counts as empty. */
  private async read(id: string): Promise<string> {
    const content = blobContent(await this.backend.readBlob(id, this.maxFileSize), this.maxFileSize);
    return content.kind === "text" ? content.text : "";
  }
}
