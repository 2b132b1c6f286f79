/**
 * Audit HTML report: one self-contained file (inline CSS, SVG charts and script; a Content
 * Security Policy forbids any network access), with totals by severity, rule, repository and age,
 * and a findings table that filters by text, severity, status and repository. Repository data is
 * inserted with textContent only, so a crafted path or commit message cannot inject markup.
 */
import type { AuditReportData } from "./report-data.js";
import { computeTotals, ageBucket } from "./report-totals.js";
import { HTML_REPORT_SCRIPT, HTML_REPORT_STYLE } from "./report-html-assets.js";

const SEVERITY_COLOURS: Record<string, string> = { critical: "#8b0000", high: "#d9480f", medium: "#e0a800", low: "#5c7cfa" };
const MAX_BARS = 10;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Horizontal bar chart as inline SVG (top MAX_BARS entries). */
export function barChart(title: string, entries: readonly [string, number][], colour: (label: string) => string = () => "#364fc7"): string {
  const shown = entries.slice(0, MAX_BARS);
  const max = Math.max(1, ...shown.map(([, n]) => n));
  const rowHeight = 22;
  const height = shown.length * rowHeight + 8;
  const bars = shown
    .map(([label, n], i) => {
      const y = i * rowHeight + 4;
      const width = Math.round((n / max) * 260);
      return (
        `<text x="0" y="${y + 15}" class="label">${escapeHtml(label.length > 32 ? `${label.slice(0, 31)}…` : label)}</text>` +
        `<rect x="210" y="${y + 3}" width="${width}" height="16" fill="${colour(label)}"><title>${escapeHtml(label)}: ${n}</title></rect>` +
        `<text x="${216 + width}" y="${y + 15}" class="value">${n}</text>`
      );
    })
    .join("");
  const more = entries.length > MAX_BARS ? `<p class="more">and ${entries.length - MAX_BARS} more</p>` : "";
  return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" width="520" height="${height}" viewBox="0 0 520 ${height}">${bars}</svg>${more}</figure>`;
}

/** JSON safe to embed in a <script> element. */
function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** Renders the report; `asOf` (ms) anchors the age buckets (default: the latest audit in the state). */
export function formatAuditHtml(data: AuditReportData, asOf = latestAudit(data)): string {
  const totals = computeTotals(data, asOf);
  const names = new Map(data.repositories.map((r) => [r.id, r.name]));
  const rows = data.findings.map((f) => ({
    repository: names.get(f.repoId) ?? f.repoId,
    severity: f.severity,
    status: f.status,
    rule: f.ruleId,
    path: f.path,
    line: f.startLine,
    preview: f.preview,
    commit: f.commit.sha,
    commitUrl: f.commitUrl ?? null,
    author: f.commit.author,
    date: f.commit.commitDate.slice(0, 10),
    age: ageBucket(f, asOf),
    fingerprint: f.fingerprint,
  }));
  const card = (label: string, value: number): string => `<div class="card"><span class="value">${value}</span><span class="label">${escapeHtml(label)}</span></div>`;
  const options = (values: readonly string[]): string => values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join("");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>leakhound audit report</title>
<style>${HTML_REPORT_STYLE}</style>
</head>
<body>
<header><h1>leakhound audit</h1><p>As of ${escapeHtml(new Date(asOf).toISOString().slice(0, 10))}. Secrets are redacted; triage with <code>leakhound audit triage FINGERPRINT --status …</code>.</p></header>
<section class="cards">
${card("findings", totals.findings)}${card("open", totals.open)}${card("repositories audited", totals.repositories)}${card("repositories with findings", totals.repositoriesWithFindings)}
</section>
<section class="charts">
${barChart("By severity", totals.bySeverity, (s) => SEVERITY_COLOURS[s] ?? "#364fc7")}
${barChart("By age of the introducing commit", totals.byAge)}
${barChart("By rule", totals.byRule)}
${barChart("By repository", totals.byRepository)}
${barChart("By status", totals.byStatus)}
</section>
<section class="findings">
<h2>Findings</h2>
<div class="filters">
<input id="search" type="search" placeholder="Search path, rule, repository, author, commit…" aria-label="Search findings">
<select id="severity" aria-label="Severity"><option value="">all severities</option>${options(totals.bySeverity.map(([s]) => s))}</select>
<select id="status" aria-label="Status"><option value="">all statuses</option>${options(["open", "revoked", "false-positive", "accepted"])}</select>
<select id="repository" aria-label="Repository"><option value="">all repositories</option>${options(data.repositories.map((r) => r.name))}</select>
<span id="count" aria-live="polite"></span>
</div>
<table>
<thead><tr><th>Severity</th><th>Status</th><th>Repository</th><th>Rule</th><th>Location</th><th>Secret</th><th>Introduced</th><th>Age</th></tr></thead>
<tbody id="rows"></tbody>
</table>
</section>
<script type="application/json" id="data">${embedJson(rows)}</script>
<script>${HTML_REPORT_SCRIPT}</script>
</body>
</html>
`;
}

function latestAudit(data: AuditReportData): number {
  const times = data.repositories.map((r) => (r.lastAuditedAt ? Date.parse(r.lastAuditedAt) : 0));
  return Math.max(0, ...times) || Date.now();
}
