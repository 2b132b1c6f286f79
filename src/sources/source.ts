import type { Chunk, CommitInfo, ScanNotice } from "../types.js";

/** Provenance a source attaches to a chunk; merged into the chunk's findings by the scan. */
export interface ChunkContext {
  readonly commit?: CommitInfo;
  /** History: how many (commit, path) places carry this blob in all. */
  readonly occurrences?: number;
  readonly otherLocations?: readonly { readonly commit: string; readonly path: string }[];
  /**
   * Staged / history scans: the 1-based chunk lines the change added. Findings outside them are
   * dropped (a secret already committed is not re-reported by the hook, the gate, or a later commit).
   */
  readonly addedLines?: ReadonlySet<number>;
}

export type SourceEvent =
  | { readonly type: "chunk"; readonly chunk: Chunk; readonly context?: ChunkContext }
  | { readonly type: "notice"; readonly notice: ScanNotice }
  | { readonly type: "stats"; readonly commitsScanned?: number }
  /**
   * The source expects far more work than the scan's inline limit (e.g. a large history): detection
   * workers start now, while the source is still preparing, instead of after the first chunks.
   */
  | { readonly type: "large" };

/** A source of text to scan: an async stream of chunks and notices, cancellable. */
export type Source = (signal: AbortSignal) => AsyncIterable<SourceEvent>;
