/**
 * The state store's schema (SQLite, `PRAGMA user_version` = STATE_SCHEMA_VERSION).
 *
 * - `blobs` is global: a blob id scanned for one repository is never scanned again for another
 *   (forks, vendored copies) nor in a later audit. `blob_findings` keeps what the detector found
 *   in it — hash and redacted preview only, never the secret — so another repository containing
 *   the blob can be credited without rescanning.
 * - `findings` is per repository, keyed by the stable fingerprint (rule:secretHash:path); it keeps
 *   the earliest introducing commit seen and when the audit first/last saw it.
 * - `triage` is keyed by fingerprint alone: revoking a secret revokes it in every fork.
 * - `refs` records the commit each ref was scanned at; a repository whose refs did not move is skipped.
 *   `repos.audited_pushed_at` is the host's push time at that audit: unchanged, not even a fetch is needed.
 */
export const STATE_SCHEMA_VERSION = 1;

export const STATE_SCHEMA = `
CREATE TABLE IF NOT EXISTS repos (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  clone_url TEXT NOT NULL,
  web_url TEXT,
  fork INTEGER NOT NULL,
  archived INTEGER NOT NULL,
  last_audited_at TEXT,
  audited_pushed_at TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS refs (
  repo_id TEXT NOT NULL,
  name TEXT NOT NULL,
  commit_id TEXT NOT NULL,
  PRIMARY KEY (repo_id, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS blobs (
  blob_id TEXT PRIMARY KEY,
  finding_count INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS blob_findings (
  blob_id TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  start_line INTEGER NOT NULL,
  start_column INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  end_column INTEGER NOT NULL,
  description TEXT NOT NULL,
  severity TEXT NOT NULL,
  confidence TEXT NOT NULL,
  preview TEXT NOT NULL,
  entropy REAL NOT NULL,
  decoded_from TEXT,
  PRIMARY KEY (blob_id, rule_id, secret_hash, start_line, start_column)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS findings (
  repo_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  description TEXT NOT NULL,
  severity TEXT NOT NULL,
  confidence TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  preview TEXT NOT NULL,
  path TEXT NOT NULL,
  blob_id TEXT NOT NULL,
  start_line INTEGER NOT NULL,
  start_column INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  end_column INTEGER NOT NULL,
  entropy REAL NOT NULL,
  decoded_from TEXT,
  commit_id TEXT NOT NULL,
  author TEXT NOT NULL,
  email TEXT NOT NULL,
  author_date TEXT NOT NULL,
  commit_date TEXT NOT NULL,
  summary TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  PRIMARY KEY (repo_id, fingerprint)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS findings_by_blob ON findings (repo_id, blob_id);
CREATE TABLE IF NOT EXISTS triage (
  fingerprint TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  note TEXT,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * Upsert of a finding: keeps the earliest introducing commit (UTC commit date, then sha, so the
 * result does not depend on scan order or sharding) and the widest first/last-seen window.
 * Used by both the audit and `audit merge` (with `src` = `excluded`).
 */
export const FINDING_COLUMNS = [
  "repo_id", "fingerprint", "rule_id", "description", "severity", "confidence", "secret_hash", "preview",
  "path", "blob_id", "start_line", "start_column", "end_line", "end_column", "entropy", "decoded_from",
  "commit_id", "author", "email", "author_date", "commit_date", "summary", "first_seen", "last_seen",
] as const;

const INTRODUCTION_COLUMNS = FINDING_COLUMNS.filter((c) => !["repo_id", "fingerprint", "first_seen", "last_seen"].includes(c));

export const FINDING_UPSERT_CONFLICT = `
ON CONFLICT (repo_id, fingerprint) DO UPDATE SET
  ${INTRODUCTION_COLUMNS.map(
    (c) => `${c} = CASE WHEN excluded.commit_date || ' ' || excluded.commit_id < findings.commit_date || ' ' || findings.commit_id THEN excluded.${c} ELSE findings.${c} END`,
  ).join(",\n  ")},
  first_seen = min(findings.first_seen, excluded.first_seen),
  last_seen = max(findings.last_seen, excluded.last_seen)`;
