/**
 * Staged source (the pre-commit hook): the index's version of every path that differs from
 * HEAD (or every indexed path before the first commit). Line numbers are the staged file's;
 * only lines the commit adds or changes are reported, so a secret already committed is not
 * reported again. Nothing is checked out and the work tree is never read.
 */
import { addedLineStarts } from "../git/added-lines.js";
import { lineNumbersAt } from "../git/byte-lines.js";
import { MODE, type GitBackend, type StagedChange } from "../git/backend.js";
import { blobContent } from "../git/blob-content.js";
import { decodeTextBytes } from "./text.js";
import { openRepository, type BackendChoice } from "../git/open.js";
import type { ChunkContext, Source, SourceEvent } from "./source.js";
import { DEFAULT_MAX_FILE_SIZE } from "./worktree.js";

export interface StagedOptions {
  /** The repository (work tree or a directory in it). */
  readonly repo: string;
  readonly maxFileSize?: number;
  readonly backend?: BackendChoice;
}

export function stagedSource(options: StagedOptions): Source {
  return (signal) => stagedEvents(options, signal);
}

async function* stagedEvents(options: StagedOptions, signal: AbortSignal): AsyncGenerator<SourceEvent> {
  const repo = await openRepository(options.repo, options.backend);
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  try {
    if (repo.fallbackReason) yield { type: "notice", notice: { level: "warning", code: "GIT_ERROR", message: repo.fallbackReason } };
    for (const change of await repo.backend.stagedChanges()) {
      if (signal.aborted) return;
      if (change.mode === MODE.symlink) continue;
      if (change.mode === MODE.gitlink) {
        yield { type: "notice", notice: { level: "note", code: "SUBMODULE", path: change.path, message: "staged submodule update recorded, not scanned" } };
        continue;
      }
      const content = blobContent(await repo.backend.readBlob(change.blob, maxFileSize), maxFileSize);
      if (content.kind === "skipped") {
        yield { type: "notice", notice: { level: "note", code: content.code, path: change.path, message: content.message } };
        continue;
      }
      const context = content.utf16 ? {} : await stagedContext(repo.backend, change, content.bytes, maxFileSize);
      yield { type: "chunk", chunk: { path: change.path, text: decodeTextBytes(content.bytes), blobId: change.blob }, context };
    }
  } finally {
    await repo.backend.close();
  }
}

/**
 * A new file adds every line; a changed one adds the lines HEAD's version did not have. (A
 * UTF-16 file is reported whole: its lines cannot be compared byte by byte.)
 */
async function stagedContext(backend: GitBackend, change: StagedChange, bytes: Buffer, maxFileSize: number): Promise<ChunkContext> {
  if (!change.headBlob) return {};
  const previous = blobContent(await backend.readBlob(change.headBlob, maxFileSize), maxFileSize);
  return { addedLines: new Set(lineNumbersAt(bytes, addedLineStarts(previous.kind === "text" ? previous.bytes : Buffer.alloc(0), bytes))) };
}
