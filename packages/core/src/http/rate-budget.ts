/**
 * @module http/rate-budget
 * Paces requests so that a help desk's rate limit is approached but not exceeded. A 429 is not an
 * error we can ignore: it costs a `Retry-After` wait, and Zendesk's limit is per account, shared with
 * the agents' own apps, so one greedy client slows everyone.
 *
 * The algorithm. Every request asks {@link RateBudget.acquire} for a slot and reports its response to
 * the permit it gets. Slots are handed out one at a time, in call order, so concurrent requests see
 * each other. For each rate-limit header family seen (see `rate-limit-headers.ts`) a bucket holds:
 *
 * - `limit` (per window), `remaining` (the server's count, minus every request sent since that the
 *   server cannot have counted yet), `resetAt`, and the window length `W` (the policy's `w`, else
 *   `rateLimit.windowMs`, 60 s).
 * - `resetAt` is `now + reset + margin` (2% of the window, 0.1–1 s) when the response says when the window resets: reset values are
 *   whole seconds with unspecified rounding, so the client assumes the later end. When the help desk
 *   does not say (Zendesk's `X-Rate-Limit`, Freshdesk), the window is assumed to end `W` after the
 *   first response, and to restart when `remaining` jumps up by more than the requests in flight
 *   could explain. Both guesses err towards a later reset, which only ever slows the client down.
 * - Once `now` passes `resetAt`, the window has ended: `remaining` is refilled to `limit` and
 *   `resetAt` moves on by `W`, until a response says otherwise.
 *
 * A slot is free at the latest of these times:
 *
 * 1. `pausedUntil`: after a 429 with `Retry-After`, every request waits, not only the refused one,
 *    unless the 429's own rate-limit headers show budget left (then only the refused request waits).
 * 2. The client-side budget (`rateLimit.requestsPerMinute`): a log of send times; with `n` sends in
 *    the last 60 s, the next waits until the oldest of them is 60 s old.
 * 3. For each bucket, with `usable = remaining - reserve` (reserve: `floor(limit * 2%)`, a small floor
 *    kept for the account's other clients, never touched):
 *    - `usable <= 0`: at `resetAt`;
 *    - remaining is low relative to the time to reset, i.e. `(resetAt - now) / usable` is longer than
 *      the account's average pace `W / limit`: even spacing, at
 *      `lastSend + (resetAt - lastSend) / (usable + 1)`, which puts the last usable slot before the reset;
 *    - otherwise (more budget left than time): now, so an idle client may burst.
 *
 * Re-planned at every slot, the spacing spends the whole usable budget by the reset and never lets
 * more than `usable` requests through before it. A wait longer than `maxWaitMs` is not
 * waited: acquire rejects with `OTAI_HELPDESK_RATE_LIMITED` and `details.retryAfterMs`.
 *
 * Limits: one budget per client, not per endpoint, so Zendesk's per-endpoint IETF headers (Update
 * Ticket: 100/min) pace every request of the client; other processes on the same account are only
 * seen through `remaining`.
 */
import { OtaiError } from "../errors.ts";
import type { RateLimitFamily, RateLimitObservation } from "./rate-limit-headers.ts";
import type { Now, Sleep } from "./types.ts";

export interface RateBudgetOptions {
  name: string;
  now: Now;
  sleep: Sleep;
  requestsPerMinute?: number | undefined;
  /** Window length when no policy header gives it. Default 60000. */
  windowMs?: number | undefined;
  /** Default 0.02. */
  reserveFraction?: number | undefined;
  /** Added to a reset time read from a header. Default 2% of the window, from 0.1 s to 1 s. */
  resetMarginMs?: number | undefined;
  /** Longer waits reject with `OTAI_HELPDESK_RATE_LIMITED`. Default 120000. */
  maxWaitMs?: number | undefined;
}

/** What a response told the budget. */
export interface RateOutcome {
  observations: readonly RateLimitObservation[];
  status: number;
  /** From a 429's `Retry-After`. */
  retryAfterMs?: number | undefined;
}

/** A granted slot. Report the response (or, with no argument, that there was none) exactly once. */
export interface RatePermit {
  settle(outcome?: RateOutcome): void;
}

export interface RateBudget {
  /** Waits for a slot; rejects with the signal's reason on abort, or `OTAI_HELPDESK_RATE_LIMITED`. */
  acquire(signal?: AbortSignal): Promise<RatePermit>;
}

interface Bucket {
  limit: number;
  remaining: number;
  resetAt: number;
  windowMs: number;
}

const MINUTE = 60_000;
/** A clock that does not move (a broken fake) must not spin forever. */
const MAX_PLAN_ROUNDS = 50;

/**
 * @example
 * const budget = createRateBudget({ name: "Zendesk", now: Date.now, sleep: systemSleep, requestsPerMinute: 300 });
 * const permit = await budget.acquire();
 * const response = await fetch(url);
 * permit.settle({ status: response.status, observations: readRateLimits(response.headers, Date.now()) });
 */
export function createRateBudget(options: RateBudgetOptions): RateBudget {
  const { now, sleep, name } = options;
  const rpm = options.requestsPerMinute;
  if (rpm !== undefined && !(Number.isFinite(rpm) && rpm >= 1)) {
    throw new RangeError("rateLimit.requestsPerMinute must be a number >= 1");
  }
  const defaultWindow = options.windowMs ?? MINUTE;
  const reserveFraction = options.reserveFraction ?? 0.02;
  // Reset values are whole seconds of unknown rounding. Waiting a full extra second per window would
  // throw away a tenth of a short window, so the margin is 2% of the window, between 0.1 s and 1 s; a
  // request that still lands early meets a 429 and waits its Retry-After.
  const marginFor = (windowMs: number) => options.resetMarginMs ?? Math.min(1000, Math.max(100, windowMs * 0.02));
  const maxWait = options.maxWaitMs ?? 120_000;

  const buckets = new Map<RateLimitFamily, Bucket>();
  const sent: number[] = [];
  let pausedUntil = 0;
  let lastSendAt = Number.NEGATIVE_INFINITY;
  let inFlight = 0;
  let tail: Promise<unknown> = Promise.resolve();

  /**
   * After the window ends the server's count restarts; until a response says more, assume a full one,
   * less the requests in flight (they may be counted in the new window).
   */
  function roll(bucket: Bucket, at: number) {
    if (at < bucket.resetAt) return;
    bucket.remaining = bucket.limit - inFlight;
    bucket.resetAt += bucket.windowMs * Math.floor((at - bucket.resetAt) / bucket.windowMs + 1);
  }

  function bucketReadyAt(bucket: Bucket, at: number): number {
    roll(bucket, at);
    const usable = bucket.remaining - Math.floor(bucket.limit * reserveFraction);
    if (usable <= 0) return bucket.resetAt;
    // More budget left than time: at least the account's average pace is possible, so no need to wait.
    if ((bucket.resetAt - at) / usable <= bucket.windowMs / bucket.limit) return at;
    if (!Number.isFinite(lastSendAt)) return at;
    // Even spacing: the rest of the window after the last send, cut into `usable + 1` equal gaps, so
    // that the last usable slot still falls before the reset.
    return Math.max(at, lastSendAt + (bucket.resetAt - lastSendAt) / (usable + 1));
  }

  function readyAt(at: number): number {
    let ready = Math.max(at, pausedUntil);
    if (rpm !== undefined) {
      while (sent.length > 0 && (sent[0] ?? 0) <= at - MINUTE) sent.shift();
      const oldest = sent[sent.length - rpm];
      if (oldest !== undefined) ready = Math.max(ready, oldest + MINUTE);
    }
    for (const bucket of buckets.values()) ready = Math.max(ready, bucketReadyAt(bucket, at));
    return ready;
  }

  function commit(at: number) {
    lastSendAt = at;
    if (rpm !== undefined) sent.push(at);
    for (const bucket of buckets.values()) bucket.remaining -= 1;
    inFlight += 1;
  }

  function observe(o: RateLimitObservation, at: number) {
    // Requests still in flight may not be in the server's count yet; assume they are not (the safe side).
    const estimate = o.remaining - inFlight;
    const existing = buckets.get(o.family);
    const limit = o.limit ?? Math.max(existing?.limit ?? 0, o.remaining + 1);
    // A zero or tiny window from a broken policy header would make `roll` spin; one second is the floor.
    const windowMs = Math.max(1000, o.windowMs ?? existing?.windowMs ?? defaultWindow);
    const reportedReset = o.resetMs === undefined ? undefined : at + o.resetMs + marginFor(windowMs);
    if (!existing) {
      buckets.set(o.family, { limit, remaining: estimate, resetAt: reportedReset ?? at + windowMs, windowMs });
      return;
    }
    roll(existing, at);
    existing.limit = limit;
    existing.windowMs = windowMs;
    const newWindow =
      reportedReset !== undefined
        ? reportedReset > existing.resetAt + windowMs / 2
        : // Without a reset header only a jump in `remaining` shows a new window. A small jump is a
          // response that did not count (an error reply) or an older one overtaken; taking it for a new
          // window would move the window's end and slow the pace for the rest of it.
          estimate > existing.remaining + inFlight + Math.max(1, Math.floor(limit * 0.1));
    if (newWindow) {
      existing.remaining = estimate;
      existing.resetAt = reportedReset ?? at + windowMs;
    } else {
      // Within one window the count only goes down; a higher number is an older response overtaken.
      existing.remaining = Math.min(existing.remaining, estimate);
      if (reportedReset !== undefined) existing.resetAt = Math.min(existing.resetAt, reportedReset);
    }
  }

  function permit(): RatePermit {
    let settled = false;
    return {
      settle(outcome) {
        if (settled) return;
        settled = true;
        inFlight -= 1;
        if (!outcome) return;
        const at = now();
        for (const o of outcome.observations) observe(o, at);
        if (outcome.status === 429 && outcome.retryAfterMs !== undefined) {
          // A 429 whose own headers show budget left in every limit they report is a burst or
          // endpoint refusal of this one request: only it waits (the client does that). Holding every
          // request back then would waste the account's budget. Without headers, or with a limit
          // spent, the account is out: everything waits.
          const budgetLeft =
            outcome.observations.length > 0 &&
            outcome.observations.every((o) => o.remaining > Math.max(1, (o.limit ?? 0) * 0.1));
          if (!budgetLeft) pausedUntil = Math.max(pausedUntil, at + outcome.retryAfterMs);
        }
      },
    };
  }

  async function take(signal: AbortSignal | undefined): Promise<RatePermit> {
    for (let round = 0; round < MAX_PLAN_ROUNDS; round++) {
      signal?.throwIfAborted();
      const at = now();
      const wait = readyAt(at) - at;
      if (wait <= 0) break;
      if (wait > maxWait) {
        throw new OtaiError(
          "OTAI_HELPDESK_RATE_LIMITED",
          `${name}: the rate limit allows the next request only in ${Math.ceil(wait / 1000)} s`,
          { details: { retryAfterMs: Math.ceil(wait) } },
        );
      }
      // Re-planned after the sleep: responses that arrived meanwhile may have changed the budget.
      await sleep(wait, signal);
    }
    signal?.throwIfAborted();
    commit(now());
    return permit();
  }

  return {
    acquire(signal) {
      const turn = tail.then(() => take(signal));
      tail = turn.catch(() => undefined);
      if (!signal) return turn;
      // A caller who gives up while queued behind others is released at once; its turn then does nothing.
      return new Promise<RatePermit>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        if (signal.aborted) onAbort();
        signal.addEventListener("abort", onAbort, { once: true });
        turn.then(
          (p) => {
            signal.removeEventListener("abort", onAbort);
            if (signal.aborted) p.settle();
            else resolve(p);
          },
          (error: unknown) => {
            signal.removeEventListener("abort", onAbort);
            reject(error);
          },
        );
      });
    },
  };
}
