/**
 * Audit SARIF: one run per repository, each built by the scan reporter (buildSarifLog), so rules,
 * fingerprints and commit properties are the same as `leakhound scan`. Triage shows as the
 * `status` property; false positives and accepted risks are SARIF suppressions.
 */
import type * as Sarif from "sarif";
import type { Rule } from "../rules/compile.js";
import { buildSarifLog } from "../report/sarif.js";
import type { Finding } from "../types.js";
import type { AuditReportData, AuditReportFinding, AuditReportRepository } from "./report-data.js";

export function formatAuditSarif(data: AuditReportData, rules: readonly Rule[]): string {
  const byRepo = groupByRepository(data);
  const runs = data.repositories.map((repo) => repositoryRun(repo, byRepo.get(repo.id) ?? [], rules));
  const log: Sarif.Log = { $schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0", runs };
  return `${JSON.stringify(log, null, 2)}\n`;
}

export function groupByRepository(data: AuditReportData): Map<string, AuditReportFinding[]> {
  const byRepo = new Map<string, AuditReportFinding[]>();
  for (const f of data.findings) {
    const list = byRepo.get(f.repoId);
    if (list) list.push(f);
    else byRepo.set(f.repoId, [f]);
  }
  return byRepo;
}

function repositoryRun(repo: AuditReportRepository, findings: readonly AuditReportFinding[], rules: readonly Rule[]): Sarif.Run {
  const log = buildSarifLog(
    {
      findings: findings.map(toFinding),
      notices: [],
      stats: { filesScanned: 0, bytesScanned: 0, filesSkipped: 0, errors: 0, durationMs: 0, suppressed: 0 },
      root: "/",
      vcs: { repositoryUri: repo.webUrl ?? repo.cloneUrl },
    },
    // The state holds only redacted previews: "showing" them reveals nothing more.
    { rules, showSecrets: true },
  );
  const run = log.runs[0]!;
  delete run.originalUriBaseIds;
  run.automationDetails = { id: `leakhound-audit/${repo.name}/` };
  run.properties = { repository: repo.id, ...(repo.lastAuditedAt ? { lastAuditedAt: repo.lastAuditedAt } : {}) };
  run.results?.forEach((result, i) => {
    const f = findings[i]!;
    result.properties = { ...result.properties, status: f.status, firstSeen: f.firstSeen, lastSeen: f.lastSeen, ...(f.note ? { note: f.note } : {}) };
  });
  return run;
}

function toFinding(f: AuditReportFinding): Finding {
  const suppressed = f.status === "false-positive" || f.status === "accepted";
  return {
    ruleId: f.ruleId,
    description: f.description,
    severity: f.severity,
    confidence: f.confidence,
    path: f.path,
    start: { line: f.startLine, column: f.startColumn },
    end: { line: f.endLine, column: f.endColumn },
    secret: f.preview,
    match: f.preview,
    entropy: f.entropy,
    secretHash: f.secretHash,
    fingerprint: f.fingerprint,
    blobId: f.blobId,
    commit: f.commit,
    ...(f.decodedFrom ? { decodedFrom: f.decodedFrom } : {}),
    ...(suppressed ? { suppression: { kind: "external" as const, justification: f.note ?? `triaged as ${f.status}` } } : {}),
  };
}
