/**
 * Git history source: every commit of every ref (or a branch, a BASE..HEAD range, a date or
 * count limit), each unique blob scanned once.
 *
 * Pass 1 streams which blob each commit introduces at which path (roots first) and keeps, per
 * blob id, only the first introduction (the commit findings are attributed to) and a count;
 * commit metadata (author, dates, message) is dropped there and read again only when a blob of
 * that commit is scanned, so memory does not grow with the number of commits' messages.
 * Pass 2 streams each unique blob once, in that order, through one `cat-file` process that runs
 * a bounded distance ahead (each commit object just before its blobs), so memory holds the
 * blob-id table, a few MB of blobs and a bounded cache of recent versions, never the history.
 * Each new version of a path is compared with its previous version(s) as bytes and only the
 * lines it adds are decoded and scanned (an excerpt with context, line numbers mapped back): a
 * secret that survives many edits is reported once, at the commit that added it, and a range
 * reports only what its commits add.
 */
import { join } from "node:path";
import { readdir, stat } from "node:fs/promises";
import { LeakhoundError } from "../errors.js";
import { MODE, type CommitSelection, type GitBackend } from "../git/backend.js";
import { blobContent } from "../git/blob-content.js";
import { excerptOf } from "../git/excerpt.js";
import { PreviousVersions } from "../git/previous-versions.js";
import { openRepository, type BackendChoice, type Repository } from "../git/open.js";
import type { CommitRange } from "../git/range.js";
import type { CommitInfo, ScanNotice } from "../types.js";
import { parseCommitObject } from "../git/commit-info.js";
import type { ChunkContext, Source, SourceEvent } from "./source.js";
import { decodeTextBytes } from "./text.js";
import { DEFAULT_MAX_FILE_SIZE } from "./worktree.js";

/** What happened to one unique blob (for statistics and incremental scans). */
export interface BlobOutcome {
  readonly id: string;
  readonly path: string;
  readonly size: number;
  readonly outcome: "scanned" | "binary" | "too-large" | "lfs-pointer";
}

export interface HistoryOptions {
  /** The repository: a work tree (or a directory in it), a bare repository or a .git directory. */
  readonly repo: string;
  /** Limit to these refs (default: every ref, HEAD, the stash). */
  readonly refs?: readonly string[];
  /** BASE..HEAD: only what HEAD's commits add over BASE, and only the lines they add. */
  readonly range?: CommitRange;
  readonly since?: string;
  readonly maxCommits?: number;
  readonly maxFileSize?: number;
  /** List every (commit, path) carrying a finding's blob, not just the count. */
  readonly allOccurrences?: boolean;
  /** Also scan the history of submodules whose repository is present under .git/modules. */
  readonly submodules?: boolean;
  /** Commits whose history an earlier scan covered (incremental audits): left out of the walk. */
  readonly exclude?: readonly string[];
  /** Blobs already scanned elsewhere (e.g. another repository of an organization): not read again. */
  readonly skipBlob?: (blobId: string) => boolean;
  /** Called once per unique blob read. */
  readonly onBlob?: (blob: BlobOutcome) => void;
  readonly backend?: BackendChoice;
}

/** First introduction of a blob, and how many (commit, path) places introduce it in all. */
interface BlobEntry {
  /** The introducing commit's id (one string shared by all its entries). */
  readonly commit: string;
  readonly path: string;
  readonly parentBlobs: readonly string[];
  count: number;
  others?: { commit: string; path: string }[];
  /** Set once its text has been scanned: a later version of the path then needs only its added lines scanned. */
  scanned?: boolean;
}

export function historySource(options: HistoryOptions): Source {
  return (signal) => historyEvents(options, signal, "");
}

async function* historyEvents(options: HistoryOptions, signal: AbortSignal, prefix: string): AsyncGenerator<SourceEvent> {
  const repo = await openRepository(options.repo, options.backend);
  try {
    if (repo.fallbackReason) yield notice({ level: "warning", code: "GIT_ERROR", message: repo.fallbackReason });
    if (repo.shallow) {
      yield notice({
        level: "warning",
        code: "SHALLOW_HISTORY",
        ...(prefix ? { path: prefix.slice(0, -1) } : {}),
        message: "shallow clone: history before the clone's depth is missing and was not scanned (fetch it with \"git fetch --unshallow\")",
      });
    }
    if (!prefix && (await expectsLargeScan(repo.gitdir, options))) yield { type: "large" };
    const selection = await commitSelection(repo.backend, options);
    let commits = 0;
    const blobs = new Map<string, BlobEntry>();
    const submodules = new Set<string>();
    for await (const changes of repo.backend.walk(selection, signal)) {
      commits++;
      // A range compares a moved file with itself: moving a file that held a secret adds no secret.
      const moved = options.range ? new Set(changes.removedBlobs) : undefined;
      for (const intro of changes.introductions) {
        if (intro.mode === MODE.gitlink) {
          submodules.add(intro.path);
          continue;
        }
        // A symlink's blob is its target path, not file content.
        if (intro.mode === MODE.symlink) continue;
        const entry = blobs.get(intro.blob);
        if (!entry) {
          const parentBlobs = moved?.has(intro.blob) ? [intro.blob] : intro.parentBlobs;
          blobs.set(intro.blob, { commit: changes.commit.sha, path: prefix + intro.path, parentBlobs, count: 1 });
          continue;
        }
        entry.count++;
        if (options.allOccurrences) (entry.others ??= []).push({ commit: changes.commit.sha, path: prefix + intro.path });
      }
    }
    if (!prefix) yield { type: "stats", commitsScanned: commits };
    yield* readBlobs(repo.backend, blobs, options, signal);
    for (const path of [...submodules].sort()) yield* submoduleEvents(repo, path, options, signal, prefix);
  } finally {
    await repo.backend.close();
  }
}

/**
 * Packed object bytes above which a whole-history scan starts detection workers at once. Measured:
 * golangci-lint (54 MB of packs) gained 0.6 s; express and flask (10-12 MB) lost 0.1 s, their
 * histories excerpting down to ~10 MB of text, which the calling thread detects faster alone.
 */
const LARGE_HISTORY_PACK_BYTES = 32 * 1024 * 1024;

/**
 * Whether a whole-history scan will clearly outgrow detection on the calling thread: judged by the
 * size of the repository's packs, known before the walk, so workers start while it runs.
 */
async function expectsLargeScan(gitdir: string, options: HistoryOptions): Promise<boolean> {
  if (options.range || options.since || options.maxCommits !== undefined || options.exclude?.length) return false;
  const packDir = join(gitdir, "objects", "pack");
  const packs = (await readdir(packDir).catch(() => [] as string[])).filter((name) => name.endsWith(".pack"));
  let bytes = 0;
  for (const name of packs) bytes += (await stat(join(packDir, name)).catch(() => undefined))?.size ?? 0;
  return bytes >= LARGE_HISTORY_PACK_BYTES;
}

async function commitSelection(backend: GitBackend, options: HistoryOptions): Promise<CommitSelection> {
  const limits = { ...(options.since ? { since: options.since } : {}), ...(options.maxCommits !== undefined ? { maxCommits: options.maxCommits } : {}) };
  if (options.range) {
    const base = await backend.resolveCommit(options.range.base);
    if (!base) throw missingRef(options.range.base, "base");
    const head = await backend.resolveCommit(options.range.head);
    if (!head) throw missingRef(options.range.head, "head");
    return { include: [head], exclude: [base], ...limits };
  }
  if (options.refs?.length) {
    const tips: string[] = [];
    for (const ref of options.refs) {
      const oid = await backend.resolveCommit(ref);
      if (!oid) throw missingRef(ref, "branch");
      tips.push(oid);
    }
    return { include: tips, ...limits };
  }
  return { ...limits, ...(options.exclude?.length ? { exclude: options.exclude } : {}) };
}

function missingRef(ref: string, role: "base" | "head" | "branch"): LeakhoundError {
  const details =
    role === "base"
      ? [
          `the ${role} commit is not in this clone (a shallow CI checkout has only the newest commits). Fetch it, then rerun:`,
          `  git fetch --deepen=100 origin            (or: git fetch --unshallow)`,
          `  git fetch origin main:refs/remotes/origin/main   (for a base branch named main)`,
          `  GitHub Actions: actions/checkout with "fetch-depth: 0"`,
        ]
      : [`check the name with "git rev-parse --verify ${ref}"`];
  return new LeakhoundError("REF_NOT_FOUND", `${role} revision "${ref}" not found in the repository`, { details });
}

async function* readBlobs(
  backend: GitBackend,
  blobs: ReadonlyMap<string, BlobEntry>,
  options: HistoryOptions,
  signal: AbortSignal,
): AsyncGenerator<SourceEvent> {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const covered = (blobId: string): boolean => blobs.get(blobId)?.scanned === true || options.skipBlob?.(blobId) === true;
  const previous = new PreviousVersions(backend, maxFileSize, covered, options.range !== undefined);
  // Objects requested from git and not yet processed, in order: the stream answers in the same order.
  const requested: Requested[] = [];
  const arriving = new Set<string>();
  function* objectIds(): Generator<string> {
    let lastCommit: string | undefined;
    for (const [id, entry] of blobs) {
      if (options.skipBlob?.(id)) continue;
      // A commit's blobs are adjacent (the walk adds them together): its metadata is read once, just before them.
      if (entry.commit !== lastCommit) {
        lastCommit = entry.commit;
        requested.push({ commit: entry.commit });
        yield entry.commit;
      }
      requested.push({ id, entry });
      arriving.add(id);
      previous.prefetch(entry.parentBlobs, (parent) => arriving.has(parent));
      yield id;
    }
  }
  let commit: CommitInfo | undefined;
  for await (const object of backend.readObjects(objectIds(), maxFileSize)) {
    if (signal.aborted) return;
    const item = requested.shift()!;
    if ("commit" in item) {
      // A commit object over the size limit (a huge message) is read again on its own, unbounded.
      commit = object.bytes ? parseCommitObject(item.commit, object.bytes.toString("utf8")) : await backend.commitInfo(item.commit);
      continue;
    }
    const { id, entry } = item;
    arriving.delete(id);
    const content = blobContent(object, maxFileSize);
    options.onBlob?.({ id, path: entry.path, size: object.size, outcome: content.kind === "text" ? "scanned" : OUTCOME[content.code] ?? "binary" });
    if (content.kind === "skipped") {
      yield notice({ level: "note", code: content.code, path: entry.path, message: `${content.message} (blob ${id.slice(0, 12)})` });
      continue;
    }
    const added = content.utf16 ? undefined : await previous.addedLineStarts(entry.parentBlobs, content.bytes);
    entry.scanned = true;
    if (!content.utf16) previous.remember(id, content.bytes);
    const context: ChunkContext = {
      commit: commit!,
      occurrences: entry.count,
      ...(entry.others ? { otherLocations: entry.others } : {}),
    };
    if (!added) {
      yield { type: "chunk", chunk: { path: entry.path, text: decodeTextBytes(content.bytes), blobId: id }, context };
      continue;
    }
    const excerpt = excerptOf(content.bytes, added);
    yield {
      type: "chunk",
      chunk: { path: entry.path, text: excerpt.text, blobId: id, fileLines: excerpt.lines },
      context: { ...context, addedLines: excerpt.addedLines },
    };
  }
}

/** What the object stream was asked for: a commit (its metadata) or a blob to scan. */
type Requested = { readonly commit: string } | { readonly id: string; readonly entry: BlobEntry };

const OUTCOME: Partial<Record<ScanNotice["code"], BlobOutcome["outcome"]>> = { TOO_LARGE: "too-large", LFS_POINTER: "lfs-pointer", BINARY_SKIPPED: "binary" };

async function* submoduleEvents(repo: Repository, path: string, options: HistoryOptions, signal: AbortSignal, prefix: string): AsyncGenerator<SourceEvent> {
  const moduleDir = join(repo.gitdir, "modules", path);
  const present = options.submodules === true && (await stat(moduleDir).catch(() => undefined))?.isDirectory() === true;
  if (!present) {
    yield notice({
      level: "note",
      code: "SUBMODULE",
      path: prefix + path,
      message: options.submodules ? "submodule not scanned: its repository is not present (run \"git submodule update --init\")" : "submodule recorded, not scanned (use --submodules to scan submodules that are checked out)",
    });
    return;
  }
  // The submodule has its own refs: the superproject's branch or range names mean nothing there.
  const { refs: _refs, range: _range, exclude: _exclude, ...inherited } = options;
  yield* historyEvents({ ...inherited, repo: moduleDir }, signal, `${prefix}${path}/`);
}

function notice(n: ScanNotice): SourceEvent {
  return { type: "notice", notice: n };
}
