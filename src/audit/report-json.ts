/** Audit JSON report: repositories and findings exactly as in the state (redacted previews, triage status). */
import { VERSION } from "../version.js";
import type { AuditReportData } from "./report-data.js";

export const AUDIT_JSON_REPORT_VERSION = 1;

export function formatAuditJson(data: AuditReportData): string {
  const report = {
    version: AUDIT_JSON_REPORT_VERSION,
    tool: { name: "leakhound", version: VERSION },
    repositories: data.repositories,
    findings: data.findings,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
