/**
 * Redaction applied by every formatter unless the user asked for `--show-secrets`.
 * Shows at most the first 4 characters (fewer for short secrets, never more than a quarter),
 * enough to recognise a key's kind (`AKIA…`, `ghp_…`) but not to use it.
 */
export function redact(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}…`;
}

/** Replaces every occurrence of `secret` in `text` with its redacted form. */
export function redactIn(text: string, secret: string): string {
  return secret.length === 0 ? text : text.split(secret).join(redact(secret));
}
