/**
 * How long to wait before retrying a rate-limited API call, from the response headers GitHub and
 * GitLab send: `retry-after` (seconds), else `x-ratelimit-reset` / `ratelimit-reset` (epoch seconds)
 * when the remaining quota is zero. undefined: not a rate-limit response.
 */
export function rateLimitDelayMs(status: number, header: (name: string) => string | undefined, now = Date.now()): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = Number(header("retry-after"));
  if (header("retry-after") !== undefined && Number.isFinite(retryAfter)) return Math.max(0, retryAfter * 1000);
  const remaining = header("x-ratelimit-remaining") ?? header("ratelimit-remaining");
  const reset = Number(header("x-ratelimit-reset") ?? header("ratelimit-reset"));
  if (remaining === "0" && Number.isFinite(reset)) return Math.max(0, reset * 1000 - now);
  return status === 429 ? 60_000 : undefined;
}

/** Rate-limit waits longer than this fail the inventory instead of stalling the audit silently. */
export const MAX_RATE_LIMIT_WAIT_MS = 15 * 60_000;
export const MAX_RATE_LIMIT_RETRIES = 5;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
