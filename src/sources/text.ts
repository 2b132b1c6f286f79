/**
 * Bytes → text, the way a scanner should read files: NUL sniffing like git (binary files are
 * skipped), UTF-16 with a BOM decoded, a UTF-8 BOM dropped, invalid UTF-8 tolerated (replaced
 * by U+FFFD so the rest of the file is still scanned).
 */

/** git's heuristic: a NUL byte in the first 8000 bytes means binary. */
export const BINARY_SNIFF_BYTES = 8000;

export type DecodedText = { readonly kind: "text"; readonly text: string } | { readonly kind: "binary" };

const utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });
const utf16le = new TextDecoder("utf-16le", { fatal: false, ignoreBOM: false });
const utf16be = new TextDecoder("utf-16be", { fatal: false, ignoreBOM: false });

export function decodeText(bytes: Uint8Array): DecodedText {
  if (!hasUtf16Bom(bytes) && isBinary(bytes)) return { kind: "binary" };
  return { kind: "text", text: decodeTextBytes(bytes) };
}

/** Text already known not to be binary: UTF-16 by its BOM, else UTF-8. */
export function decodeTextBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes);
  return utf8.decode(bytes);
}

/** UTF-16 text (by its BOM): its lines cannot be told apart byte by byte on `\n`. */
export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

export function isBinary(bytes: Uint8Array): boolean {
  // Native memchr, not a byte loop: this runs on every file and every blob of a history.
  return bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1;
}
