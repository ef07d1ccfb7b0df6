/**
 * @module http/retry
 * When to try a request again and how long to wait first.
 *
 * - Network errors, timeouts and 500/502/503/504 (and 408) are retried only for idempotent requests:
 *   the server may have acted before failing, and a second POST would add a second note.
 * - A connection that was never made (refused, DNS) is retried for any method: nothing was sent.
 * - 429 is retried for any method, since the server refused it unprocessed, after `Retry-After`.
 * - The wait is exponential backoff with full jitter, `random() * min(maxDelay, base * 2^n)` for the
 *   n-th retry (n from 0): many clients backing off at once spread out instead of returning together
 *   (see "Exponential Backoff And Jitter", AWS Architecture Blog, 2015).
 */
import type { HttpMethod, RetryOptions } from "./types.ts";

export interface RetryPolicy {
  max: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { max: 4, baseDelayMs: 250, maxDelayMs: 30_000 };

/** Statuses worth repeating an idempotent request for: the server failed or was briefly away. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 500, 502, 503, 504]);

/**
 * Fills in the defaults and refuses nonsense (negative or non-finite numbers).
 *
 * @example
 * retryPolicy({ max: 2 }); // { max: 2, baseDelayMs: 250, maxDelayMs: 30000 }
 */
export function retryPolicy(options: RetryOptions | undefined): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options };
  for (const [key, value] of Object.entries(policy)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`retries.${key} must be a number >= 0`);
  }
  return { ...policy, max: Math.floor(policy.max) };
}

/**
 * The wait before retry number `retry` (0 for the first retry).
 *
 * @example
 * backoffDelay(2, DEFAULT_RETRY_POLICY, () => 0.5); // 500: half of min(30000, 250 * 2^2)
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * cap);
}

/**
 * Whether a method is idempotent by default (RFC 9110 §9.2.2: GET, HEAD, PUT, DELETE, OPTIONS).
 *
 * @example
 * isIdempotentMethod("PUT"); // true
 * isIdempotentMethod("POST"); // false
 */
export function isIdempotentMethod(method: HttpMethod): boolean {
  return method !== "POST" && method !== "PATCH";
}
