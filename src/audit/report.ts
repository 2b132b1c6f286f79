/** The audit report formats, each a pure function of the state's report data. */
import type { Rule } from "../rules/compile.js";
import type { AuditReportData } from "./report-data.js";
import { formatAuditCsv } from "./report-csv.js";
import { formatAuditHtml } from "./report-html.js";
import { formatAuditJson } from "./report-json.js";
import { formatAuditSarif } from "./report-sarif.js";

export const auditFormatters = {
  sarif: (data: AuditReportData, rules: readonly Rule[]) => formatAuditSarif(data, rules),
  json: (data: AuditReportData) => formatAuditJson(data),
  csv: (data: AuditReportData) => formatAuditCsv(data),
  html: (data: AuditReportData) => formatAuditHtml(data),
} as const;

export type AuditFormatName = keyof typeof auditFormatters;
export const AUDIT_FORMATS = Object.keys(auditFormatters) as AuditFormatName[];
