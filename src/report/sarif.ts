/**
 * SARIF 2.1.0 for GitHub code scanning and any SARIF viewer.
 *
 * - every rule that can fire is in `tool.driver.rules`, with help that says how to revoke/rotate;
 * - `partialFingerprints` carry the stable finding fingerprint (rule + secret hash + path), never a
 *   line or a commit, so code scanning keeps one alert per secret across edits and history;
 * - commit, author and dates of history findings go in `result.properties`;
 * - suppressed findings stay in the log, marked with `suppressions`;
 * - skipped and unreadable files are `invocations[0].toolExecutionNotifications`.
 */
import { createHash } from "node:crypto";
import type * as Sarif from "sarif";
import type { Rule } from "../rules/compile.js";
import type { Finding, ScanNotice, ScanResult, Severity } from "../types.js";
import { INFORMATION_URI, VERSION } from "../version.js";
import type { FormatOptions } from "./formatter.js";
import { redact } from "./redact.js";

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
};

/** GitHub maps security-severity to critical (≥ 9), high (≥ 7), medium (≥ 4), low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

const PRECISION = { high: "very-high", medium: "high", low: "medium" } as const;

/** Percent-encodes a relative path for a SARIF URI, keeping `/` separators. */
export function pathToUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function toPascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

function ensurePeriod(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function sarifRule(rule: Rule): Sarif.ReportingDescriptor {
  const help =
    `${ensurePeriod(rule.description)} ${ensurePeriod(rule.remediation.summary)} ` +
    `Revocation and rotation: ${rule.remediation.url}`;
  const markdown =
    `**${rule.name}**\n\n${ensurePeriod(rule.description)}\n\n` +
    `**What to do:** ${ensurePeriod(rule.remediation.summary)}\n\n` +
    `See [the provider's documentation](${rule.remediation.url}). Then remove the secret from the code ` +
    `(and from history if the repository is shared), and keep credentials in a secret store.`;
  // SARIF wants `name` to be a readable identifier distinct from the opaque `id` (SARIF1001).
  const name = toPascalCase(rule.name);
  return {
    id: rule.id,
    ...(name.toLowerCase() === rule.id.toLowerCase() ? {} : { name }),
    shortDescription: { text: ensurePeriod(rule.name) },
    fullDescription: { text: ensurePeriod(rule.description) },
    help: { text: help, markdown },
    helpUri: rule.remediation.url,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ["security", "secret", ...rule.tags.filter((t) => t !== "security" && t !== "secret")],
      precision: PRECISION[rule.confidence],
      "security-severity": SECURITY_SEVERITY[rule.severity],
    },
  };
}

function sarifResult(finding: Finding, ruleIndex: number, showSecrets: boolean): Sarif.Result {
  const secret = showSecrets ? finding.secret : redact(finding.secret);
  const where = finding.commit ? ` in commit ${finding.commit.sha.slice(0, 12)}` : "";
  const decoded = finding.decodedFrom ? ` (found in ${finding.decodedFrom}-decoded content)` : "";
  const result: Sarif.Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: `${ensurePeriod(finding.description)} Secret ${secret}${where}${decoded}.` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(finding.path), uriBaseId: "%SRCROOT%" },
          region: {
            startLine: finding.start.line,
            startColumn: finding.start.column,
            endLine: finding.end.line,
            endColumn: finding.end.column,
          },
        },
      },
    ],
    partialFingerprints: { "leakhound/v1": fingerprintHash(finding.fingerprint) },
    properties: {
      fingerprint: finding.fingerprint,
      confidence: finding.confidence,
      entropy: finding.entropy,
      ...(finding.decodedFrom ? { decodedFrom: finding.decodedFrom } : {}),
      ...(finding.commit
        ? {
            commit: finding.commit.sha,
            author: finding.commit.author,
            email: finding.commit.email,
            authorDate: finding.commit.authorDate,
            commitDate: finding.commit.commitDate,
            commitSummary: finding.commit.summary,
          }
        : {}),
      ...(finding.occurrences !== undefined ? { occurrences: finding.occurrences } : {}),
    },
  };
  if (finding.suppression) {
    result.suppressions = [{ kind: finding.suppression.kind, justification: finding.suppression.justification }];
  }
  return result;
}

/** The fingerprint contains a path; a hash keeps the SARIF value short and free of separators. */
function fingerprintHash(fingerprint: string): string {
  return createHash("sha256").update(fingerprint).digest("hex").slice(0, 32);
}

function notification(notice: ScanNotice): Sarif.Notification {
  return {
    level: notice.level,
    message: { text: ensurePeriod(notice.path ? `${notice.path}: ${notice.message}` : notice.message) },
    descriptor: { id: notice.code },
    ...(notice.path
      ? { locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(notice.path), uriBaseId: "%SRCROOT%" } } }] }
      : {}),
  };
}

export function buildSarifLog(result: ScanResult, options: FormatOptions): Sarif.Log {
  const ruleIndex = new Map(options.rules.map((r, i) => [r.id, i]));
  const rootUri = new URL(`file://${result.root.endsWith("/") ? result.root : `${result.root}/`}`).href;
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: "leakhound",
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: INFORMATION_URI,
        rules: options.rules.map(sarifRule),
      },
    },
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: result.notices.map(notification),
      },
    ],
    originalUriBaseIds: { "%SRCROOT%": { uri: rootUri } },
    results: result.findings.map((f) => sarifResult(f, ruleIndex.get(f.ruleId) ?? -1, options.showSecrets === true)),
    columnKind: "utf16CodeUnits",
  };
  if (result.vcs?.repositoryUri) {
    run.versionControlProvenance = [
      {
        repositoryUri: result.vcs.repositoryUri,
        ...(result.vcs.revision ? { revisionId: result.vcs.revision } : {}),
        ...(result.vcs.branch ? { branch: result.vcs.branch } : {}),
        mappedTo: { uriBaseId: "%SRCROOT%" },
      },
    ];
  }
  return { $schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0", runs: [run] };
}

export function formatSarif(result: ScanResult, options: FormatOptions): string {
  return `${JSON.stringify(buildSarifLog(result, options), null, 2)}\n`;
}
