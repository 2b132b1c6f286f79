/**
 * The audit's view of the history source (src/sources/history.ts): each unique blob of a mirror
 * once, with its introducing commit; blobs the state already holds are never read; blobs read but
 * not scannable (binary, too large, LFS pointers) are reported so they are not read again either.
 */
import { historySource } from "../sources/history.js";
import type { MirrorBlobSource } from "./audit-repository.js";

export const mirrorHistorySource: MirrorBlobSource = (request) =>
  historySource({
    repo: request.mirror,
    backend: "git-cli",
    exclude: request.exclude,
    skipBlob: request.skipBlob,
    onBlob: (blob) => {
      if (blob.outcome !== "scanned") request.onUnscannable(blob.id);
    },
  });
