/**
 * Exponential backoff with jitter: the n-th retry waits a random time between half and all of
 * base × 2^(n−1), capped; a provider's Retry-After wins when it asks for longer. Jitter keeps a
 * provider that comes back from an outage from receiving every queued message at once.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** After this age a message that still cannot go out fails instead of retrying. */
  maxAgeMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000, maxAgeMs: 24 * 60 * 60_000 };

export function retryDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  retryAfterMs?: number,
  random = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
