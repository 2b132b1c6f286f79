/**
 * `audit merge`: combines shard states into one. Shards partition repositories, so repositories
 * and refs never clash; blobs and their findings are facts about content, identical in every
 * shard; findings merge like a rescan would (earliest introducing commit, widest seen window);
 * of two triage decisions on one fingerprint, the later one wins.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { LeakhoundError } from "../errors.js";
import { STATE_FILE, type AuditState } from "./state.js";
import { FINDING_COLUMNS, FINDING_UPSERT_CONFLICT, STATE_SCHEMA_VERSION } from "./state-schema.js";

export function mergeState(target: AuditState, sourceDir: string): void {
  const file = join(sourceDir, STATE_FILE);
  if (!existsSync(file)) {
    throw new LeakhoundError("STATE_INVALID", `no audit state at ${sourceDir} (expected ${file})`, {
      details: ["give the --state directory each shard wrote"],
    });
  }
  const db = target.db;
  db.prepare("ATTACH DATABASE ? AS shard").run(file);
  try {
    const version = db.prepare("PRAGMA shard.user_version").pluck().get() as number;
    if (version !== STATE_SCHEMA_VERSION) {
      throw new LeakhoundError("STATE_INVALID", `${file} has state schema version ${version}; this leakhound merges version ${STATE_SCHEMA_VERSION}`);
    }
    db.transaction(() => {
      db.exec(`
        INSERT INTO repos SELECT * FROM shard.repos WHERE true
          ON CONFLICT (id) DO UPDATE SET last_audited_at = max(coalesce(repos.last_audited_at, ''), coalesce(excluded.last_audited_at, ''));
        INSERT OR REPLACE INTO refs SELECT * FROM shard.refs;
        INSERT OR IGNORE INTO blobs SELECT * FROM shard.blobs;
        INSERT OR IGNORE INTO blob_findings SELECT * FROM shard.blob_findings;
        INSERT INTO findings (${FINDING_COLUMNS.join(", ")}) SELECT ${FINDING_COLUMNS.join(", ")} FROM shard.findings WHERE true
          ${FINDING_UPSERT_CONFLICT};
        INSERT INTO triage SELECT * FROM shard.triage WHERE true
          ON CONFLICT (fingerprint) DO UPDATE SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at
          WHERE excluded.updated_at > triage.updated_at;
      `);
    })();
  } finally {
    db.exec("DETACH DATABASE shard");
  }
}
