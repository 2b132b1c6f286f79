/**
 * What a blob read from history or the index is to the scanner: text to scan, or a reason to
 * skip it (too large, Git LFS pointer, binary), in the same words for every git-backed source.
 * The text stays as bytes here: history scans compare versions byte by byte and decode only
 * the lines they scan.
 */
import { hasUtf16Bom, isBinary } from "../sources/text.js";
import type { NoticeCode } from "../types.js";
import type { BlobData } from "./backend.js";

export type BlobContent =
  | {
      readonly kind: "text";
      readonly bytes: Buffer;
      /** UTF-16 (by its BOM): lines cannot be compared byte by byte on `\n`, so it is always scanned whole. */
      readonly utf16: boolean;
    }
  | { readonly kind: "skipped"; readonly code: NoticeCode; readonly message: string };

/** Pointer files are tiny; the spec line is always first. */
const LFS_POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n/;
const LFS_POINTER_MAX_BYTES = 1024;

export function blobContent(blob: BlobData, maxFileSize: number): BlobContent {
  const { bytes } = blob;
  if (!bytes) {
    return { kind: "skipped", code: "TOO_LARGE", message: `skipped: ${blob.size} bytes is over the ${maxFileSize}-byte limit (--max-file-size)` };
  }
  const utf16 = hasUtf16Bom(bytes);
  if (!utf16 && isBinary(bytes)) return { kind: "skipped", code: "BINARY_SKIPPED", message: "skipped: binary file" };
  if (blob.size <= LFS_POINTER_MAX_BYTES && LFS_POINTER.test(bytes.toString("latin1"))) {
    return { kind: "skipped", code: "LFS_POINTER", message: "skipped: Git LFS pointer (the content lives on the LFS server and is not scanned)" };
  }
  return { kind: "text", bytes, utf16 };
}
