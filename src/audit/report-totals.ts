/** Totals of an audit report by severity, rule, repository, status and age (for HTML charts). */
import { SEVERITIES } from "../types.js";
import type { AuditReportData, AuditReportFinding } from "./report-data.js";

export const AGE_BUCKETS = ["< 30 days", "30–90 days", "90 days–1 year", "> 1 year"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

const DAY_MS = 86_400_000;

/** How old the introducing commit was at `asOf`. */
export function ageBucket(f: AuditReportFinding, asOf: number): AgeBucket {
  const days = (asOf - Date.parse(f.commit.commitDate)) / DAY_MS;
  return days < 30 ? AGE_BUCKETS[0] : days < 90 ? AGE_BUCKETS[1] : days < 365 ? AGE_BUCKETS[2] : AGE_BUCKETS[3];
}

export interface AuditTotals {
  readonly findings: number;
  readonly open: number;
  readonly repositories: number;
  readonly repositoriesWithFindings: number;
  /** Each list is [label, count], in a fixed order (severity, age) or by count descending. */
  readonly bySeverity: readonly [string, number][];
  readonly byRule: readonly [string, number][];
  readonly byRepository: readonly [string, number][];
  readonly byAge: readonly [string, number][];
  readonly byStatus: readonly [string, number][];
}

export function computeTotals(data: AuditReportData, asOf: number): AuditTotals {
  const names = new Map(data.repositories.map((r) => [r.id, r.name]));
  const count = (key: (f: AuditReportFinding) => string, order?: readonly string[]): [string, number][] => {
    const counts = new Map<string, number>(order?.map((k) => [k, 0]));
    for (const f of data.findings) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
    const entries = [...counts];
    return order ? entries : entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  };
  const byRepository = count((f) => names.get(f.repoId) ?? f.repoId);
  return {
    findings: data.findings.length,
    open: data.findings.filter((f) => f.status === "open").length,
    repositories: data.repositories.length,
    repositoriesWithFindings: byRepository.length,
    bySeverity: count((f) => f.severity, SEVERITIES),
    byRule: count((f) => f.ruleId),
    byRepository,
    byAge: count((f) => ageBucket(f, asOf), AGE_BUCKETS),
    byStatus: count((f) => f.status),
  };
}
