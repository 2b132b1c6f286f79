import { createHash } from "node:crypto";

/**
 * Identity of a secret for one rule: sha256 over (ruleId, secret), hex, first 32 chars.
 * Never reversible into the secret; stable across lines, commits and machines.
 */
export function secretHash(ruleId: string, secret: string): string {
  return createHash("sha256").update(ruleId).update("\0").update(secret).digest("hex").slice(0, 32);
}

/** `ruleId:secretHash:path` — no line, column or commit, so moves and rebases keep it. */
export function findingFingerprint(ruleId: string, hash: string, path: string): string {
  return `${ruleId}:${hash}:${path}`;
}

/** Splits a fingerprint back into its parts (the path may itself contain ':'). */
export function parseFingerprint(fingerprint: string): { ruleId: string; secretHash: string; path: string } | undefined {
  const m = /^([a-z0-9]+(?:[.-][a-z0-9]+)*):([0-9a-f]{32}):(.*)$/.exec(fingerprint);
  return m ? { ruleId: m[1]!, secretHash: m[2]!, path: m[3]! } : undefined;
}
