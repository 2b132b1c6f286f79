/**
 * Reads an audit state into report records: repositories (sorted by id) and their findings
 * (sorted by path, line, column, rule) with triage status. Only hashes and redacted previews are
 * in the state, so nothing here can reveal a secret.
 */
import type { CommitInfo, Confidence, Severity } from "../types.js";
import type { AuditRepository } from "./repository.js";
import type { AuditState, BlobFinding, TriageStatus } from "./state.js";

export interface AuditReportRepository extends Omit<AuditRepository, "pushedAt"> {
  readonly lastAuditedAt?: string;
}

/** A blob finding as credited to one repository (its preview is redacted: a few characters at most). */
export interface AuditReportFinding extends BlobFinding {
  readonly repoId: string;
  readonly fingerprint: string;
  readonly path: string;
  readonly blobId: string;
  readonly commit: CommitInfo;
  /** Link to the introducing commit, when the repository's web host is known. */
  readonly commitUrl?: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly status: TriageStatus;
  readonly note?: string;
}

export interface AuditReportData {
  readonly repositories: readonly AuditReportRepository[];
  readonly findings: readonly AuditReportFinding[];
}

interface RepoRow {
  id: string;
  name: string;
  cloneUrl: string;
  webUrl: string | null;
  fork: number;
  archived: number;
  lastAuditedAt: string | null;
}

interface FindingRow {
  repoId: string;
  fingerprint: string;
  ruleId: string;
  description: string;
  severity: Severity;
  confidence: Confidence;
  secretHash: string;
  preview: string;
  path: string;
  blobId: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  entropy: number;
  decodedFrom: string | null;
  sha: string;
  author: string;
  email: string;
  authorDate: string;
  commitDate: string;
  summary: string;
  firstSeen: string;
  lastSeen: string;
  status: TriageStatus | null;
  note: string | null;
}

const FINDINGS_QUERY = `
SELECT f.repo_id AS repoId, f.fingerprint, f.rule_id AS ruleId, f.description, f.severity, f.confidence,
  f.secret_hash AS secretHash, f.preview, f.path, f.blob_id AS blobId, f.start_line AS startLine,
  f.start_column AS startColumn, f.end_line AS endLine, f.end_column AS endColumn, f.entropy,
  f.decoded_from AS decodedFrom, f.commit_id AS sha, f.author, f.email, f.author_date AS authorDate,
  f.commit_date AS commitDate, f.summary, f.first_seen AS firstSeen, f.last_seen AS lastSeen,
  t.status, t.note
FROM findings f LEFT JOIN triage t ON t.fingerprint = f.fingerprint
ORDER BY f.repo_id, f.path, f.start_line, f.start_column, f.rule_id, f.fingerprint`;

export function loadReportData(state: AuditState): AuditReportData {
  const repoRows = state.db
    .prepare(
      `SELECT id, name, clone_url AS cloneUrl, web_url AS webUrl, fork, archived, last_audited_at AS lastAuditedAt
       FROM repos ORDER BY id`,
    )
    .all() as RepoRow[];
  const repositories = repoRows.map(
    (r): AuditReportRepository => ({
      id: r.id,
      name: r.name,
      cloneUrl: r.cloneUrl,
      ...(r.webUrl ? { webUrl: r.webUrl } : {}),
      fork: r.fork === 1,
      archived: r.archived === 1,
      ...(r.lastAuditedAt ? { lastAuditedAt: r.lastAuditedAt } : {}),
    }),
  );
  const webUrls = new Map(repositories.map((r) => [r.id, r.webUrl]));
  const findings = (state.db.prepare(FINDINGS_QUERY).all() as FindingRow[]).map((row): AuditReportFinding => {
    const { sha, author, email, authorDate, commitDate, summary, decodedFrom, status, note, ...rest } = row;
    const web = webUrls.get(row.repoId);
    return {
      ...rest,
      ...(decodedFrom ? { decodedFrom } : {}),
      commit: { sha, author, email, authorDate, commitDate, summary },
      ...(web ? { commitUrl: `${web}/commit/${sha}` } : {}),
      status: status ?? "open",
      ...(note ? { note } : {}),
    };
  });
  return { repositories, findings };
}
