/**
 * What a blob read from history or the index is to the scanner: text to scan, or a reason to
 * skip it (too large, Git LFS pointer, binary), in the same words for every git-backed source.
 */
import { decodeText } from "../sources/text.js";
import type { NoticeCode } from "../types.js";
import type { BlobData } from "./backend.js";

export type BlobContent =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "skipped"; readonly code: NoticeCode; readonly message: string };

/** Pointer files are tiny; the spec line is always first. */
const LFS_POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n/;
const LFS_POINTER_MAX_BYTES = 1024;

export function blobContent(blob: BlobData, maxFileSize: number): BlobContent {
  if (!blob.bytes) {
    return { kind: "skipped", code: "TOO_LARGE", message: `skipped: ${blob.size} bytes is over the ${maxFileSize}-byte limit (--max-file-size)` };
  }
  const decoded = decodeText(blob.bytes);
  if (decoded.kind === "binary") return { kind: "skipped", code: "BINARY_SKIPPED", message: "skipped: binary file" };
  if (blob.size <= LFS_POINTER_MAX_BYTES && LFS_POINTER.test(decoded.text)) {
    return { kind: "skipped", code: "LFS_POINTER", message: "skipped: Git LFS pointer (the content lives on the LFS server and is not scanned)" };
  }
  return { kind: "text", text: decoded.text };
}
