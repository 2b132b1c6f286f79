/**
 * JSON report, format version 1 (schema: `jsonReportSchema` below, documented in docs/json-report.md).
 * Findings are sorted (path, line, column, rule); secrets are redacted unless `showSecrets`.
 */
import type { Rule } from "../rules/compile.js";
import type { Finding, ScanResult } from "../types.js";
import { VERSION } from "../version.js";
import type { FormatOptions } from "./formatter.js";
import { redact, redactIn } from "./redact.js";

export const JSON_REPORT_VERSION = 1;

export interface JsonFinding {
  readonly ruleId: string;
  readonly description: string;
  readonly severity: string;
  readonly confidence: string;
  readonly path: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly secret: string;
  readonly match: string;
  readonly redacted: boolean;
  readonly entropy: number;
  readonly fingerprint: string;
  readonly secretHash: string;
  readonly blobId?: string;
  readonly decodedFrom?: string;
  readonly commit?: Finding["commit"];
  readonly occurrences?: number;
  readonly otherLocations?: Finding["otherLocations"];
  readonly suppression?: Finding["suppression"];
  readonly remediation?: { readonly summary: string; readonly url: string };
}

export function toJsonFinding(f: Finding, show: boolean, rule: Rule | undefined): JsonFinding {
  return {
    ruleId: f.ruleId,
    description: f.description,
    severity: f.severity,
    confidence: f.confidence,
    path: f.path,
    startLine: f.start.line,
    startColumn: f.start.column,
    endLine: f.end.line,
    endColumn: f.end.column,
    secret: show ? f.secret : redact(f.secret),
    match: show ? f.match : redactIn(f.match, f.secret),
    redacted: !show,
    entropy: f.entropy,
    fingerprint: f.fingerprint,
    secretHash: f.secretHash,
    ...(f.blobId !== undefined ? { blobId: f.blobId } : {}),
    ...(f.decodedFrom !== undefined ? { decodedFrom: f.decodedFrom } : {}),
    ...(f.commit ? { commit: f.commit } : {}),
    ...(f.occurrences !== undefined ? { occurrences: f.occurrences } : {}),
    ...(f.otherLocations ? { otherLocations: f.otherLocations } : {}),
    ...(f.suppression ? { suppression: f.suppression } : {}),
    ...(rule ? { remediation: rule.remediation } : {}),
  };
}

export function formatJson(result: ScanResult, options: FormatOptions): string {
  const findings = result.findings.filter((f) => options.showSuppressed || !f.suppression);
  const rules = new Map(options.rules.map((r) => [r.id, r]));
  const report = {
    version: JSON_REPORT_VERSION,
    tool: { name: "leakhound", version: VERSION },
    root: result.root,
    ...(result.vcs ? { vcs: result.vcs } : {}),
    stats: result.stats,
    findings: findings.map((f) => toJsonFinding(f, options.showSecrets === true, rules.get(f.ruleId))),
    notices: result.notices,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

const position = { type: "integer", minimum: 1 } as const;

/** JSON Schema (draft 2020-12 subset understood by ajv) of the JSON report, version 1. */
export const jsonReportSchema = {
  type: "object",
  required: ["version", "tool", "root", "stats", "findings", "notices"],
  properties: {
    version: { const: JSON_REPORT_VERSION },
    tool: { type: "object", required: ["name", "version"] },
    root: { type: "string" },
    vcs: { type: "object" },
    stats: {
      type: "object",
      required: ["filesScanned", "bytesScanned", "filesSkipped", "errors", "durationMs", "suppressed"],
    },
    findings: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: [
          "ruleId", "description", "severity", "confidence", "path", "startLine", "startColumn", "endLine",
          "endColumn", "secret", "match", "redacted", "entropy", "fingerprint", "secretHash",
        ],
        properties: {
          ruleId: { type: "string" },
          description: { type: "string" },
          severity: { enum: ["critical", "high", "medium", "low"] },
          confidence: { enum: ["high", "medium", "low"] },
          path: { type: "string" },
          startLine: position,
          startColumn: position,
          endLine: position,
          endColumn: position,
          secret: { type: "string" },
          match: { type: "string" },
          redacted: { type: "boolean" },
          entropy: { type: "number" },
          fingerprint: { type: "string" },
          secretHash: { type: "string", pattern: "^[0-9a-f]{32}$" },
          blobId: { type: "string" },
          decodedFrom: { type: "string" },
          commit: {
            type: "object",
            required: ["sha", "author", "email", "authorDate", "commitDate", "summary"],
          },
          occurrences: { type: "integer" },
          otherLocations: { type: "array" },
          suppression: { type: "object", required: ["kind", "justification"] },
          remediation: { type: "object", required: ["summary", "url"] },
        },
      },
    },
    notices: {
      type: "array",
      items: { type: "object", required: ["level", "code", "message"] },
    },
  },
} as const;
