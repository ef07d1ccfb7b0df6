/**
 * @module state/backoff
 * The wait before a failed ticket is tried again.
 */
import type { BackoffMs } from "./types.ts";

/**
 * Exponential backoff: `base * 2^(attempts-1)` ms, capped at `max` (so attempt 1 waits `base`).
 * Doubling spreads retries of a help desk that is down without letting one poison ticket wait for
 * days; the cap keeps the longest wait predictable.
 *
 * @example
 * backoffDelay(3, { base: 1_000, max: 60_000 }); // 4_000
 */
export function backoffDelay(attempts: number, backoff: BackoffMs): number {
  const base = Math.max(0, backoff.base);
  const max = Math.max(0, backoff.max);
  const exponent = Math.max(0, Math.floor(attempts) - 1);
  // 2 ** exponent becomes Infinity for huge attempt counts; min() still lands on the cap.
  return Math.min(base * 2 ** exponent, max);
}
