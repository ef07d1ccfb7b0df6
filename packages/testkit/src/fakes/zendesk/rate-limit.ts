/**
 * @module fakes/zendesk/rate-limit
 * Fixed-window request budgets: one for the account, and the extra per-endpoint ones Zendesk has
 * (ticket updates, incremental exports, export search). A window opens with its first request and
 * lasts `windowMs` on the fake's clock, so a test moves the clock instead of waiting a minute.
 */
import type { FakeClock } from "./clock.ts";
import type { ZendeskRateLimits } from "./options.ts";

export type RateBucket = "account" | "updateTicket" | "incremental" | "searchExport";

/** The state of one bucket after counting a request. */
export interface RateVerdict {
  limit: number;
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
  allowed: boolean;
}

export interface RateLimiter {
  /** Counts one request against `bucket` (refused requests count too, as at Zendesk). */
  take(bucket: RateBucket): RateVerdict;
  /** The account bucket without counting, for headers on answers that were not counted. */
  peek(bucket: RateBucket): RateVerdict;
  reset(): void;
}

const LIMIT_KEY: Record<RateBucket, keyof ZendeskRateLimits> = {
  account: "perMinute",
  updateTicket: "updateTicketPerMinute",
  incremental: "incrementalPerMinute",
  searchExport: "searchExportPerMinute",
};

/**
 * @example
 * const limiter = createRateLimiter(clock, () => ({ ...DEFAULT_RATE_LIMITS, perMinute: 2 }));
 * limiter.take("account").allowed; // true, true, then false until the window passes
 */
export function createRateLimiter(clock: FakeClock, limits: () => ZendeskRateLimits): RateLimiter {
  const windows = new Map<RateBucket, { start: number; used: number }>();

  function current(bucket: RateBucket): { start: number; used: number } {
    const now = clock.now();
    const windowMs = limits().windowMs;
    let window = windows.get(bucket);
    if (!window || now >= window.start + windowMs) {
      window = { start: now, used: 0 };
      windows.set(bucket, window);
    }
    return window;
  }

  function verdict(bucket: RateBucket, window: { start: number; used: number }): RateVerdict {
    const limit = limits()[LIMIT_KEY[bucket]];
    const resetMs = window.start + limits().windowMs - clock.now();
    return {
      limit,
      remaining: Math.max(0, limit - window.used),
      resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
      allowed: window.used <= limit,
    };
  }

  return {
    take(bucket) {
      const window = current(bucket);
      window.used += 1;
      return verdict(bucket, window);
    },
    peek(bucket) {
      const window = current(bucket);
      return { ...verdict(bucket, window), allowed: window.used < limits()[LIMIT_KEY[bucket]] };
    },
    reset() {
      windows.clear();
    },
  };
}
