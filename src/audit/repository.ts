/** One repository of an audit inventory, whatever host it came from. */
export interface AuditRepository {
  /** Stable identity across audits and shards, e.g. `github.com/acme/api` or an absolute path. */
  readonly id: string;
  /** Human name shown in reports (`acme/api`). */
  readonly name: string;
  /** Where to fetch from, credentials stripped (they travel in a header, never in the URL). */
  readonly cloneUrl: string;
  /** Web page of the repository; commit links are `${webUrl}/commit/${sha}` (GitHub and GitLab agree). */
  readonly webUrl?: string;
  readonly fork: boolean;
  readonly archived: boolean;
  /**
   * When the host last saw a push (GitHub `pushed_at`, GitLab `last_activity_at`). Equal to the
   * value of the last complete audit, the repository is skipped without running git at all.
   */
  readonly pushedAt?: string;
}
