/**
 * Domain types shared by every layer. Data only: no logic lives here.
 *
 * Offsets are half-open [start, end) in UTF-16 code units of the decoded text; lines and
 * columns are 1-based and columns count UTF-16 code units (SARIF's default `utf16CodeUnits`).
 */

export type Severity = "critical" | "high" | "medium" | "low";
export type Confidence = "high" | "medium" | "low";

export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];
export const CONFIDENCES: readonly Confidence[] = ["high", "medium", "low"];

/** Half-open [start, end) offsets in UTF-16 code units. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** 1-based line and 1-based column (UTF-16 code units). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** The commit that introduced a blob at a path (history scans only). */
export interface CommitInfo {
  readonly sha: string;
  readonly author: string;
  readonly email: string;
  /** ISO 8601 author date. */
  readonly authorDate: string;
  /** ISO 8601 committer date. */
  readonly commitDate: string;
  /** First line of the commit message. */
  readonly summary: string;
}

/** Where a piece of text came from. */
export type Origin =
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "stdin"; readonly path: string }
  | { readonly kind: "staged"; readonly path: string }
  | { readonly kind: "commit"; readonly path: string; readonly commit: CommitInfo };

/**
 * Where the lines of a chunk that is an excerpt of a file (e.g. only the lines a commit added,
 * with some context) are in the file. Lives on the thread that made the chunk; it is not sent
 * to detection workers.
 */
export interface LineMapping {
  fileLine(chunkLine: number): number;
  /** The chunk line showing a file line, or undefined when the excerpt left that line out. */
  chunkLine(fileLine: number): number | undefined;
  /** Memory the mapping holds until it is first used (counted by the scan's back-pressure). */
  readonly heldBytes?: number;
}

/**
 * One unit of text to scan. `path` is repository- or root-relative with `/` separators. The
 * detector reports positions in the chunk's own lines; `fileLines`, when set, maps them to the
 * file's (the scan applies it), so a source can hand over a slice of a larger file.
 */
export interface Chunk {
  readonly path: string;
  readonly text: string;
  readonly blobId?: string;
  readonly fileLines?: LineMapping;
}

/** Raw detector output: a rule matched here. No provenance, no line numbers. */
export interface Candidate {
  readonly ruleId: string;
  readonly match: Span;
  readonly secret: Span;
  readonly secretText: string;
  readonly matchText: string;
  readonly entropy: number;
  readonly confidence: Confidence;
  /** Set when the secret was found inside decoded content, e.g. "base64". */
  readonly decodedFrom?: string;
}

/** One reported occurrence of a secret. */
export interface Finding {
  readonly ruleId: string;
  readonly description: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly path: string;
  readonly start: Position;
  /** Position just past the secret's last character (exclusive, like SARIF's endColumn). */
  readonly end: Position;
  /** The raw secret. Kept in memory only; every formatter redacts it unless asked not to. */
  readonly secret: string;
  /** The full regex match (contains the secret; redacted the same way). */
  readonly match: string;
  readonly entropy: number;
  /** sha256 of (ruleId, secret), hex, first 32 chars: identifies the secret without revealing it. */
  readonly secretHash: string;
  /**
   * Stable identity of this finding: `ruleId:secretHash:path`. It does not depend on the line,
   * the column or the commit, so moving code or rebasing never changes it.
   */
  readonly fingerprint: string;
  readonly blobId?: string;
  readonly decodedFrom?: string;
  readonly commit?: CommitInfo;
  /** History scans: other (commit, path) places carrying the same blob. */
  readonly occurrences?: number;
  readonly otherLocations?: readonly { readonly commit: string; readonly path: string }[];
  /** Present when a suppression matched; suppressed findings are reported only on request. */
  readonly suppression?: Suppression;
}

export interface Suppression {
  readonly kind: "inSource" | "external";
  readonly justification: string;
}

/** A non-fatal problem met while scanning (unreadable file, skipped binary, …). */
export interface ScanNotice {
  readonly level: "error" | "warning" | "note";
  readonly code: NoticeCode;
  readonly path?: string;
  readonly message: string;
}

export type NoticeCode =
  | "READ_ERROR"
  | "BINARY_SKIPPED"
  | "TOO_LARGE"
  | "SYMLINK_OUTSIDE_ROOT"
  | "SYMLINK_LOOP"
  | "BROKEN_SYMLINK"
  | "LFS_POINTER"
  | "SUBMODULE"
  | "SHALLOW_HISTORY"
  | "GIT_ERROR"
  | "IGNORE_EXPIRED"
  | "IGNORE_STALE"
  | "CONFIG_WARNING";

export interface ScanStats {
  filesScanned: number;
  bytesScanned: number;
  filesSkipped: number;
  errors: number;
  durationMs: number;
  commitsScanned?: number;
  blobsScanned?: number;
  suppressed: number;
}

export interface ScanResult {
  readonly findings: readonly Finding[];
  readonly notices: readonly ScanNotice[];
  readonly stats: ScanStats;
  /** Where the scan ran, for SARIF `versionControlProvenance` and relative URIs. */
  readonly root: string;
  readonly vcs?: { readonly repositoryUri?: string; readonly revision?: string; readonly branch?: string };
}
