/**
 * Audit CSV (RFC 4180): one row per finding. Cells that a spreadsheet would take for a formula
 * (leading = + - @ tab CR) are prefixed with a quote, since paths and commit messages come from
 * the scanned repositories.
 */
import type { AuditReportData, AuditReportFinding } from "./report-data.js";

const COLUMNS: readonly [string, (f: AuditReportFinding, repo: string) => string | number][] = [
  ["repository", (_f, repo) => repo],
  ["status", (f) => f.status],
  ["severity", (f) => f.severity],
  ["rule", (f) => f.ruleId],
  ["path", (f) => f.path],
  ["line", (f) => f.startLine],
  ["column", (f) => f.startColumn],
  ["secret_preview", (f) => f.preview],
  ["commit", (f) => f.commit.sha],
  ["author", (f) => f.commit.author],
  ["author_email", (f) => f.commit.email],
  ["commit_date", (f) => f.commit.commitDate],
  ["commit_url", (f) => f.commitUrl ?? ""],
  ["first_seen", (f) => f.firstSeen],
  ["last_seen", (f) => f.lastSeen],
  ["fingerprint", (f) => f.fingerprint],
  ["note", (f) => f.note ?? ""],
];

export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatAuditCsv(data: AuditReportData): string {
  const names = new Map(data.repositories.map((r) => [r.id, r.name]));
  const lines = [COLUMNS.map(([name]) => name).join(",")];
  for (const f of data.findings) lines.push(COLUMNS.map(([, get]) => csvCell(get(f, names.get(f.repoId) ?? f.repoId))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
