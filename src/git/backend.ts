/**
 * The internal interface every git reader implements: the git CLI (fast, bulk streaming) and
 * isomorphic-git (no binary needed, slower). Sources and tests talk only to this.
 */
import type { CommitInfo } from "../types.js";

/** git's file modes, as octal strings. */
export const MODE = { gitlink: "160000", symlink: "120000", tree: "040000" } as const;

/** The all-zero id git uses for "no object". */
export const NULL_OID = "0000000000000000000000000000000000000000";

/** A path whose content a commit introduced: its blob differs from the blob at that path in every parent. */
export interface Introduction {
  readonly path: string;
  readonly blob: string;
  readonly mode: string;
  /** The blob at this path in each parent (NULL_OID where the parent, or the empty tree a root commit is compared with, had none). */
  readonly parentBlobs: readonly string[];
}

export interface CommitChanges {
  readonly commit: CommitInfo;
  readonly parents: readonly string[];
  readonly introductions: readonly Introduction[];
  /** Blobs this commit removed from a path (deleted or moved away): a blob in both lists was moved, not written. */
  readonly removedBlobs: readonly string[];
}

/** Which commits to walk. */
export interface CommitSelection {
  /** Tips to walk from; undefined means every ref (branches, tags, remotes, stash) and HEAD. */
  readonly include?: readonly string[];
  /** Commits reachable from these are left out (the BASE of a range). */
  readonly exclude?: readonly string[];
  /** Only commits with a committer date at or after this (ISO 8601 or anything `git log --since` takes). */
  readonly since?: string;
  /** Only the newest N commits of the selection. */
  readonly maxCommits?: number;
}

/** A blob read from the object store; `bytes` is absent when it is larger than the limit asked for. */
export interface BlobData {
  readonly id: string;
  readonly size: number;
  readonly bytes?: Buffer;
}

/** A path whose staged (index) blob differs from HEAD's. */
export interface StagedChange {
  readonly path: string;
  readonly blob: string;
  readonly mode: string;
  /** The blob at this path in HEAD, when there was one. */
  readonly headBlob?: string;
}

export interface GitBackend {
  readonly name: "git-cli" | "isomorphic-git";
  /** Full object id a revision names, or undefined when it does not exist here. */
  resolveCommit(rev: string): Promise<string | undefined>;
  /** Commits of the selection, parents before children (topological, roots first). */
  walk(selection: CommitSelection, signal: AbortSignal): AsyncIterable<CommitChanges>;
  /** Author, dates and summary of a commit (read when a finding needs them, not held for the whole history). */
  commitInfo(sha: string): Promise<CommitInfo>;
  /** Reads one blob; `maxBytes` lets a too-large blob be skipped without buffering it. */
  readBlob(id: string, maxBytes: number): Promise<BlobData>;
  /**
   * Reads many objects' raw content (blobs, and commits for their metadata), in the order given,
   * as a stream: reads run ahead of the consumer (bounded), and `ids` is pulled only as fast as
   * the reads need it.
   */
  readObjects(ids: Iterable<string>, maxBytes: number): AsyncIterable<BlobData>;
  /** Index entries that differ from HEAD (or all of them when HEAD is unborn). */
  stagedChanges(): Promise<StagedChange[]>;
  /** The `origin` remote's URL, if configured. */
  remoteUrl(): Promise<string | undefined>;
  /** The current branch (short name), undefined on a detached or unborn HEAD. */
  currentBranch(): Promise<string | undefined>;
  /** Ends helper processes. */
  close(): Promise<void>;
}
