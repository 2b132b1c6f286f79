/**
 * Human-readable report: findings grouped by file, what to do next for each rule, and a
 * one-line summary. Colour only when asked (the CLI enables it on a TTY without NO_COLOR).
 */
import type { Rule } from "../rules/compile.js";
import type { Finding, ScanResult, Severity } from "../types.js";
import type { FormatOptions } from "./formatter.js";
import { redact } from "./redact.js";

const ANSI = { reset: "\x1b[0m", bold: "\x1b[1m", dim: "\x1b[2m", red: "\x1b[31m", yellow: "\x1b[33m", cyan: "\x1b[36m", magenta: "\x1b[35m" };

type Paint = (style: keyof typeof ANSI, text: string) => string;

const SEVERITY_STYLE: Record<Severity, keyof typeof ANSI> = { critical: "magenta", high: "red", medium: "yellow", low: "cyan" };

/** Human-readable size in binary units ("802 B", "5.0 MB"); shared by reports and the audit's progress line. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function describeFinding(f: Finding, paint: Paint, showSecrets: boolean): string[] {
  const where = `${f.start.line}:${f.start.column}`;
  const secret = showSecrets ? f.secret : redact(f.secret);
  const lines = [
    `  ${paint("dim", where.padEnd(8))} ${paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(8))} ${paint("bold", f.ruleId)}  ${secret}` +
      `${f.confidence !== "high" ? paint("dim", `  (${f.confidence} confidence)`) : ""}` +
      `${f.decodedFrom ? paint("dim", `  [${f.decodedFrom}-decoded]`) : ""}`,
  ];
  if (f.commit) {
    const others = f.occurrences !== undefined && f.occurrences > 1 ? `, in ${f.occurrences - 1} more place(s)` : "";
    lines.push(
      `           ${paint("dim", `commit ${f.commit.sha.slice(0, 10)} by ${f.commit.author} on ${f.commit.authorDate.slice(0, 10)}: ${f.commit.summary}${others}`)}`,
    );
  }
  if (f.suppression) lines.push(`           ${paint("dim", `suppressed (${f.suppression.kind}): ${f.suppression.justification}`)}`);
  lines.push(`           ${paint("dim", `fingerprint ${f.fingerprint}`)}`);
  return lines;
}

export function formatSummary(result: ScanResult, shown: readonly Finding[]): string {
  const { stats } = result;
  const bySeverity = (["critical", "high", "medium", "low"] as const)
    .map((s) => [s, shown.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const parts = [
    `${plural(stats.filesScanned, stats.commitsScanned !== undefined ? "blob" : "file")} (${formatBytes(stats.bytesScanned)})`,
    ...(stats.commitsScanned !== undefined ? [plural(stats.commitsScanned, "commit")] : []),
  ];
  const findingsText = `${plural(shown.length, "finding")}${bySeverity.length ? ` (${bySeverity.join(", ")})` : ""}`;
  const tail = [
    ...(stats.suppressed ? [`${stats.suppressed} suppressed`] : []),
    ...(stats.filesSkipped ? [`${stats.filesSkipped} skipped`] : []),
    ...(stats.errors ? [plural(stats.errors, "error")] : []),
  ];
  return `Scanned ${parts.join(", ")} in ${(stats.durationMs / 1000).toFixed(2)}s: ${findingsText}${tail.length ? `; ${tail.join(", ")}` : ""}.`;
}

export function formatText(result: ScanResult, options: FormatOptions): string {
  const paint: Paint = options.color ? (style, text) => `${ANSI[style]}${text}${ANSI.reset}` : (_style, text) => text;
  const shown = result.findings.filter((f) => options.showSuppressed || !f.suppression);
  const out: string[] = [];
  const byPath = new Map<string, Finding[]>();
  for (const f of shown) {
    const list = byPath.get(f.path);
    if (list) list.push(f);
    else byPath.set(f.path, [f]);
  }
  for (const [path, findings] of byPath) {
    out.push(paint("bold", path));
    for (const f of findings) out.push(...describeFinding(f, paint, options.showSecrets === true));
    out.push("");
  }
  const rules = new Map<string, Rule>(options.rules.map((r) => [r.id, r]));
  const fired = [...new Set(shown.filter((f) => !f.suppression).map((f) => f.ruleId))].sort();
  if (fired.length > 0) {
    out.push(paint("bold", "What to do next"));
    for (const id of fired) {
      const rule = rules.get(id);
      if (rule) out.push(`  ${paint("bold", id)}: ${rule.remediation.summary}`, `    ${paint("dim", rule.remediation.url)}`);
    }
    out.push(
      `  Then remove the secret from the code; to accept a finding instead, add "leakhound:allow" in a comment on its line`,
      `  or run "leakhound ignore add <fingerprint> --reason …".`,
      "",
    );
  }
  const problems = result.notices.filter((n) => n.level === "error" || options.verbose);
  if (problems.length > 0) {
    out.push(paint("bold", options.verbose ? "Skipped and unreadable" : "Errors"));
    for (const n of problems) out.push(`  ${n.level === "error" ? paint("red", "error") : paint("dim", n.level)} ${n.path ?? ""}: ${n.message}`);
    out.push("");
  }
  out.push(formatSummary(result, shown.filter((f) => !f.suppression)));
  return `${out.join("\n")}\n`;
}
