/**
 * @module http/clock
 * The real clock and sleep behind the client's injectable `now` and `sleep`. Tests swap both for a
 * virtual clock, so backoff, `Retry-After` and rate-limit waits cost no real time.
 */
import type { Now, Sleep } from "./types.ts";

/**
 * Wall-clock milliseconds: `Retry-After` may be an HTTP date, so the clock must be the real one.
 *
 * @example
 * const started = systemNow();
 */
export const systemNow: Now = () => Date.now();

/**
 * Waits `ms`; rejects with `signal.reason` when the signal aborts, so a cancelled request stops
 * waiting at once instead of after a long `Retry-After`.
 *
 * @example
 * await systemSleep(250, AbortSignal.timeout(1000));
 */
export const systemSleep: Sleep = (ms, signal) => {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
};
