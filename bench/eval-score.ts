/**
 * Pure scoring for `npm run eval`: matches findings against leaky-repo's per-line labels.
 *
 * Units are labelled items, not findings: an item spans `line..end_line` (a multi-line key is one
 * item) and is hit when any finding in the same file overlaps that range. Findings that overlap no
 * labelled item (risk or informative) are "unlabelled" and count against precision.
 */
import type { Finding } from "../src/types.js";

/** What scoring needs from a finding; leakhound's `Finding` has it, other scanners' output is mapped to it. */
export type ScoredFinding = Pick<Finding, "path" | "ruleId" | "confidence" | "match"> & {
  readonly start: { readonly line: number };
  readonly end: { readonly line: number };
};

export interface LabelledItem {
  readonly line: number;
  readonly end_line?: number;
  readonly class: "risk" | "informative";
  readonly text: string;
}

export interface LineLabels {
  readonly files: Readonly<Record<string, { readonly items: readonly LabelledItem[] }>>;
}

export interface LeakyScore {
  readonly riskItems: number;
  readonly riskHit: number;
  readonly recall: number;
  readonly informativeItems: number;
  readonly informativeHit: number;
  readonly missed: readonly { readonly path: string; readonly line: number; readonly text: string }[];
  readonly unlabelled: readonly FindingSummary[];
}

export interface FindingSummary {
  readonly path: string;
  readonly line: number;
  readonly ruleId: string;
  readonly confidence: string;
  /** The first characters of the match, enough to judge it; eval output stays local. */
  readonly excerpt: string;
}

const overlaps = (finding: ScoredFinding, item: LabelledItem): boolean =>
  finding.start.line <= (item.end_line ?? item.line) && item.line <= finding.end.line;

export function summarize(finding: ScoredFinding): FindingSummary {
  return {
    path: finding.path,
    line: finding.start.line,
    ruleId: finding.ruleId,
    confidence: finding.confidence,
    excerpt: finding.match.replace(/\s+/g, " ").slice(0, 80),
  };
}

/** Scores findings from a scan of leaky-repo's tree against its line labels. */
export function scoreLeakyRepo(labels: LineLabels, findings: readonly ScoredFinding[]): LeakyScore {
  const byPath = new Map<string, ScoredFinding[]>();
  for (const f of findings) {
    let list = byPath.get(f.path);
    if (!list) byPath.set(f.path, (list = []));
    list.push(f);
  }
  let riskItems = 0;
  let riskHit = 0;
  let informativeItems = 0;
  let informativeHit = 0;
  const missed: { path: string; line: number; text: string }[] = [];
  for (const [path, { items }] of Object.entries(labels.files)) {
    const found = byPath.get(path) ?? [];
    for (const item of items) {
      const hit = found.some((f) => overlaps(f, item));
      if (item.class === "risk") {
        riskItems++;
        if (hit) riskHit++;
        else missed.push({ path, line: item.line, text: item.text.slice(0, 100) });
      } else {
        informativeItems++;
        if (hit) informativeHit++;
      }
    }
  }
  const unlabelled = findings
    .filter((f) => !(labels.files[f.path]?.items ?? []).some((item) => overlaps(f, item)))
    .map(summarize);
  return {
    riskItems,
    riskHit,
    recall: riskItems === 0 ? 0 : riskHit / riskItems,
    informativeItems,
    informativeHit,
    missed,
    unlabelled,
  };
}
