/**
 * The audit's state store: one SQLite file (`audit.sqlite`) under `--state DIR`, WAL journal, every
 * batch of progress in one transaction, so a killed audit resumes exactly where its last commit left
 * it. Raw secrets never enter it: findings carry the secret's hash and a redacted preview.
 */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { LeakhoundError } from "../errors.js";
import type { CommitInfo, Confidence, Severity } from "../types.js";
import type { AuditRepository } from "./repository.js";
import { FINDING_COLUMNS, FINDING_UPSERT_CONFLICT, STATE_SCHEMA, STATE_SCHEMA_VERSION } from "./state-schema.js";

export const STATE_FILE = "audit.sqlite";

/** What the detector found in one blob, minus anything that would reveal the secret. */
export interface BlobFinding {
  readonly ruleId: string;
  readonly secretHash: string;
  readonly description: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly preview: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly entropy: number;
  readonly decodedFrom?: string;
}

/** Where a repository's history introduced a blob. */
export interface BlobPlacement {
  readonly path: string;
  readonly commit: CommitInfo;
}

export interface ScannedBlob {
  readonly blobId: string;
  readonly findings: readonly BlobFinding[];
  readonly placement?: BlobPlacement;
}

export type TriageStatus = "open" | "revoked" | "false-positive" | "accepted";
export const TRIAGE_STATUSES: readonly TriageStatus[] = ["open", "revoked", "false-positive", "accepted"];

/** Opens (creating if needed) the state database of a state directory. */
export function openStateDatabase(dir: string, options: { readonly mustExist?: boolean } = {}): Database.Database {
  const file = join(dir, STATE_FILE);
  let db: Database.Database;
  try {
    if (!options.mustExist) mkdirSync(dir, { recursive: true });
    db = new Database(file, { fileMustExist: options.mustExist === true });
  } catch (cause) {
    throw new LeakhoundError("STATE_INVALID", `cannot open audit state ${file}: ${(cause as Error).message}`, {
      cause,
      details: options.mustExist ? ["run `leakhound audit --state DIR …` first, or check the --state path"] : [],
    });
  }
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 10000");
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version !== 0 && version !== STATE_SCHEMA_VERSION) {
    db.close();
    throw new LeakhoundError("STATE_INVALID", `${file} has state schema version ${version}; this leakhound reads version ${STATE_SCHEMA_VERSION}`, {
      details: ["use a matching leakhound version, or start a new state directory"],
    });
  }
  db.exec(STATE_SCHEMA);
  db.pragma(`user_version = ${STATE_SCHEMA_VERSION}`);
  return db;
}

const utc = (iso: string): string => {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString();
};

/** Typed access to the state database; every write method is one transaction. */
export class AuditState {
  readonly db: Database.Database;
  private readonly statements;

  constructor(db: Database.Database) {
    this.db = db;
    this.statements = {
      upsertRepo: db.prepare(
        `INSERT INTO repos (id, name, clone_url, web_url, fork, archived) VALUES (@id, @name, @cloneUrl, @webUrl, @fork, @archived)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, clone_url = excluded.clone_url, web_url = excluded.web_url,
           fork = excluded.fork, archived = excluded.archived`,
      ),
      refs: db.prepare("SELECT name, commit_id AS commitId FROM refs WHERE repo_id = ?"),
      deleteRefs: db.prepare("DELETE FROM refs WHERE repo_id = ?"),
      insertRef: db.prepare("INSERT INTO refs (repo_id, name, commit_id) VALUES (?, ?, ?)"),
      audited: db.prepare("UPDATE repos SET last_audited_at = ?, audited_pushed_at = ? WHERE id = ?"),
      auditedPushedAt: db.prepare("SELECT audited_pushed_at FROM repos WHERE id = ?").pluck(),
      touchFindings: db.prepare("UPDATE findings SET last_seen = max(last_seen, ?) WHERE repo_id = ?"),
      blobScanned: db.prepare("SELECT finding_count AS count FROM blobs WHERE blob_id = ?").pluck(),
      insertBlob: db.prepare("INSERT OR IGNORE INTO blobs (blob_id, finding_count) VALUES (?, ?)"),
      insertBlobFinding: db.prepare(
        `INSERT OR IGNORE INTO blob_findings (blob_id, rule_id, secret_hash, start_line, start_column, end_line, end_column,
           description, severity, confidence, preview, entropy, decoded_from)
         VALUES (@blobId, @ruleId, @secretHash, @startLine, @startColumn, @endLine, @endColumn,
           @description, @severity, @confidence, @preview, @entropy, @decodedFrom)`,
      ),
      blobFindings: db.prepare(
        `SELECT rule_id AS ruleId, secret_hash AS secretHash, description, severity, confidence, preview,
           start_line AS startLine, start_column AS startColumn, end_line AS endLine, end_column AS endColumn,
           entropy, decoded_from AS decodedFrom
         FROM blob_findings WHERE blob_id = ? ORDER BY start_line, start_column, rule_id`,
      ),
      upsertFinding: db.prepare(
        `INSERT INTO findings (${FINDING_COLUMNS.join(", ")}) VALUES (${FINDING_COLUMNS.map((c) => `@${c}`).join(", ")})
         ${FINDING_UPSERT_CONFLICT}`,
      ),
      setTriage: db.prepare(
        `INSERT INTO triage (fingerprint, status, note, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (fingerprint) DO UPDATE SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at`,
      ),
      fingerprintKnown: db.prepare("SELECT 1 FROM findings WHERE fingerprint = ? LIMIT 1").pluck(),
      creditedBlob: db.prepare("SELECT 1 FROM findings WHERE repo_id = ? AND blob_id = ? LIMIT 1").pluck(),
      openFindings: db
        .prepare("SELECT count(*) FROM findings f LEFT JOIN triage t ON t.fingerprint = f.fingerprint WHERE coalesce(t.status, 'open') = 'open'")
        .pluck(),
    };
  }

  static open(dir: string, options: { readonly mustExist?: boolean } = {}): AuditState {
    return new AuditState(openStateDatabase(dir, options));
  }

  close(): void {
    this.db.close();
  }

  upsertRepository(repo: AuditRepository): void {
    this.statements.upsertRepo.run({
      id: repo.id,
      name: repo.name,
      cloneUrl: repo.cloneUrl,
      webUrl: repo.webUrl ?? null,
      fork: repo.fork ? 1 : 0,
      archived: repo.archived ? 1 : 0,
    });
  }

  /** The refs a repository was completely scanned at (empty before its first complete audit). */
  scannedRefs(repoId: string): Map<string, string> {
    const rows = this.statements.refs.all(repoId) as { name: string; commitId: string }[];
    return new Map(rows.map((r) => [r.name, r.commitId]));
  }

  /** undefined: never scanned; otherwise how many findings the blob holds. */
  blobFindingCount(blobId: string): number | undefined {
    return this.statements.blobScanned.get(blobId) as number | undefined;
  }

  findingsOfBlob(blobId: string): BlobFinding[] {
    return (this.statements.blobFindings.all(blobId) as (BlobFinding & { decodedFrom: string | null })[]).map(
      ({ decodedFrom, ...rest }) => (decodedFrom === null ? rest : { ...rest, decodedFrom }),
    );
  }

  /** Records scanned blobs, their findings, and credits them to `repoId` — one transaction. */
  readonly recordBlobs = (repoId: string, blobs: readonly ScannedBlob[], now: string): void => {
    this.db.transaction(() => {
      for (const blob of blobs) {
        this.statements.insertBlob.run(blob.blobId, blob.findings.length);
        for (const finding of blob.findings) {
          this.statements.insertBlobFinding.run({ blobId: blob.blobId, ...finding, decodedFrom: finding.decodedFrom ?? null });
        }
        if (blob.placement) this.creditFindings(repoId, blob.blobId, blob.findings, blob.placement, now);
      }
    })();
  };

  /** Credits findings of an already-scanned blob to another repository that contains it. */
  readonly creditBlob = (repoId: string, blobId: string, placement: BlobPlacement, now: string): void => {
    this.db.transaction(() => this.creditFindings(repoId, blobId, this.findingsOfBlob(blobId), placement, now))();
  };

  private creditFindings(repoId: string, blobId: string, findings: readonly BlobFinding[], placement: BlobPlacement, now: string): void {
    const { commit, path } = placement;
    for (const f of findings) {
      this.statements.upsertFinding.run({
        repo_id: repoId,
        fingerprint: `${f.ruleId}:${f.secretHash}:${path}`,
        rule_id: f.ruleId,
        description: f.description,
        severity: f.severity,
        confidence: f.confidence,
        secret_hash: f.secretHash,
        preview: f.preview,
        path,
        blob_id: blobId,
        start_line: f.startLine,
        start_column: f.startColumn,
        end_line: f.endLine,
        end_column: f.endColumn,
        entropy: f.entropy,
        decoded_from: f.decodedFrom ?? null,
        commit_id: commit.sha,
        author: commit.author,
        email: commit.email,
        author_date: utc(commit.authorDate),
        commit_date: utc(commit.commitDate),
        summary: commit.summary,
        first_seen: now,
        last_seen: now,
      });
    }
  }

  /** The host's push time recorded at the repository's last complete audit, if the host gave one. */
  auditedPushedAt(repoId: string): string | undefined {
    return (this.statements.auditedPushedAt.get(repoId) as string | null | undefined) ?? undefined;
  }

  /** Marks a repository complete at these refs (the next audit skips it unless they move). */
  readonly completeRepository = (repo: AuditRepository, refs: ReadonlyMap<string, string>, now: string): void => {
    this.db.transaction(() => {
      this.statements.deleteRefs.run(repo.id);
      for (const [name, commit] of refs) this.statements.insertRef.run(repo.id, name, commit);
      this.statements.audited.run(now, repo.pushedAt ?? null, repo.id);
      this.statements.touchFindings.run(now, repo.id);
    })();
  };

  /** Findings not triaged, or triaged back to open (they decide the exit code). */
  openFindingCount(): number {
    return this.statements.openFindings.get() as number;
  }

  /** Whether the repository already holds findings from this blob (no need to credit it again). */
  isCredited(repoId: string, blobId: string): boolean {
    return this.statements.creditedBlob.get(repoId, blobId) !== undefined;
  }

  hasFingerprint(fingerprint: string): boolean {
    return this.statements.fingerprintKnown.get(fingerprint) !== undefined;
  }

  setTriage(fingerprint: string, status: TriageStatus, note: string | undefined, now: string): void {
    this.statements.setTriage.run(fingerprint, status, note ?? null, now);
  }
}
