/**
 * The one suppression policy, applied by `scan()` through its `filter` hook in every mode
 * (worktree, stdin, staged, history, range): inline markers, config allowlists, the ignore file,
 * then the baseline. A suppressed finding is returned marked — never dropped — so it is counted,
 * listable with --show-suppressed and carried into SARIF as a `suppressions` entry.
 */
import type { ConfigAllowlist } from "../config/types.js";
import type { Chunk, Finding, ScanNotice, Suppression } from "../types.js";
import { compileConfigAllowlist } from "./allowlist.js";
import { findingLineText } from "./finding-line.js";
import { entryFingerprint, ignoreEntryMatcher, isExpired, IGNORE_FILE_NAME, type IgnoreEntry } from "./ignore-file.js";
import { inlineSuppression } from "./inline.js";

export interface SuppressionPolicyOptions {
  readonly allowlists?: readonly ConfigAllowlist[];
  readonly ignoreEntries?: readonly IgnoreEntry[];
  /** How notices name the ignore file (default `.leakhoundignore`). */
  readonly ignoreFileLabel?: string;
  /** Fingerprints of accepted findings. */
  readonly baseline?: ReadonlySet<string>;
  readonly baselineLabel?: string;
  /** Today as YYYY-MM-DD (UTC), for `expires`; default: the current date. */
  readonly today?: string;
}

export interface SuppressionPolicy {
  /** For ScanOptions.filter: the finding, marked with a suppression when one applies. */
  readonly filter: (finding: Finding, chunk: Chunk) => Finding;
  /**
   * Notices known once every finding has been seen: IGNORE_EXPIRED for each expired entry, and
   * (when `reportStale`) IGNORE_STALE for each live entry that matched nothing.
   */
  closingNotices(reportStale: boolean): ScanNotice[];
}

export function createSuppressionPolicy(options: SuppressionPolicyOptions): SuppressionPolicy {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const allowlists = (options.allowlists ?? []).map(compileConfigAllowlist);
  const ignoreLabel = options.ignoreFileLabel ?? IGNORE_FILE_NAME;
  const entries = (options.ignoreEntries ?? []).map((entry) => ({ entry, matches: ignoreEntryMatcher(entry), hits: 0, expired: isExpired(entry, today) }));
  const baseline = options.baseline ?? new Set<string>();
  const baselineJustification = `in baseline ${options.baselineLabel ?? "file"}`;

  const ignoreSuppression = (finding: Finding): Suppression | undefined => {
    let granted: Suppression | undefined;
    // Every matching entry is counted (stale report), even when an earlier one already applies.
    for (const item of entries) {
      if (!item.matches(finding)) continue;
      item.hits++;
      if (item.expired || granted) continue;
      const { reason, owner, expires } = item.entry;
      const details = [reason, owner ? `owner ${owner}` : undefined, expires ? `until ${expires}` : undefined].filter(Boolean).join("; ");
      granted = { kind: "external", justification: `${ignoreLabel}${details ? `: ${details}` : ""}` };
    }
    return granted;
  };

  return {
    filter(finding, chunk) {
      const fromIgnoreFile = entries.length > 0 ? ignoreSuppression(finding) : undefined;
      const line = findingLineText(chunk, finding);
      const suppression =
        (line !== undefined ? inlineSuppression(line) : undefined) ??
        allowlists.reduce<Suppression | undefined>((found, a) => found ?? a.judge({ finding, line }), undefined) ??
        fromIgnoreFile ??
        (baseline.has(finding.fingerprint) ? { kind: "external", justification: baselineJustification } : undefined);
      return suppression ? { ...finding, suppression } : finding;
    },
    closingNotices(reportStale) {
      const notices: ScanNotice[] = [];
      for (const { entry, hits, expired } of entries) {
        const where = `${ignoreLabel}:${entry.line}`;
        if (expired) {
          notices.push({
            level: "warning",
            code: "IGNORE_EXPIRED",
            path: ignoreLabel,
            message: `${where}: entry ${entryFingerprint(entry)} expired on ${entry.expires}; it no longer suppresses (${hits} finding${hits === 1 ? "" : "s"} reported again). Fix the finding, or renew the entry with a new --expires`,
          });
        } else if (reportStale && hits === 0) {
          notices.push({
            level: "note",
            code: "IGNORE_STALE",
            path: ignoreLabel,
            message: `${where}: entry ${entryFingerprint(entry)} matches no finding any more; remove it`,
          });
        }
      }
      return notices;
    },
  };
}
