/**
 * @module http/rate-limit-headers
 * What a response says about the account's rate limit. Help desks use three header families:
 *
 * | family         | limit                    | remaining                           | reset                   |
 * | -------------- | ------------------------ | ----------------------------------- | ----------------------- |
 * | `x-rate-limit` | `X-Rate-Limit` (Zendesk) | `X-Rate-Limit-Remaining`            | –                       |
 * | `x-ratelimit`  | `X-RateLimit-Total` (Freshdesk) or `-Limit` | `X-RateLimit-Remaining` | `X-RateLimit-Reset` |
 * | `ietf`         | `RateLimit-Limit`        | `RateLimit-Remaining`               | `RateLimit-Reset`       |
 *
 * The IETF draft's later single-header form (`RateLimit: "default";r=50;t=30` with
 * `RateLimit-Policy: "default";q=100;w=60`) is read into the `ietf` family too. Zendesk sends both its
 * own pair (the account limit) and the IETF trio (the endpoint's limit) on ticket endpoints; they are
 * kept apart so that the stricter one governs.
 */

export type RateLimitFamily = "x-rate-limit" | "x-ratelimit" | "ietf";

export interface RateLimitObservation {
  family: RateLimitFamily;
  /** Requests allowed per window, when the header says. */
  limit: number | undefined;
  remaining: number;
  /** Time until the window resets, when the header says. */
  resetMs: number | undefined;
  /** The window's length, when a policy says (`w=60`). */
  windowMs: number | undefined;
}

interface Lookup {
  get(name: string): string | null;
}

function int(value: string | null | undefined): number | undefined {
  const match = value ? /^\s*(\d+)/.exec(value) : null;
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** A `key=value` parameter of a structured header (`q=100;w=60`). */
function param(value: string | null, key: string): number | undefined {
  const match = value ? new RegExp(`(?:^|[;,\\s])${key}=(\\d+)`).exec(value) : null;
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Reset values are delta-seconds in the IETF draft, but some servers (GitHub style `X-RateLimit-Reset`)
 * send the epoch second of the reset; anything past 2001 in epoch seconds is read as that.
 */
function resetMs(seconds: number | undefined, nowMs: number): number | undefined {
  if (seconds === undefined) return undefined;
  return seconds > 1_000_000_000 ? Math.max(0, seconds * 1000 - nowMs) : seconds * 1000;
}

/**
 * Every rate-limit family present on a response.
 *
 * @example
 * readRateLimits(new Headers({ "x-rate-limit": "700", "x-rate-limit-remaining": "699" }), Date.now());
 * // [{ family: "x-rate-limit", limit: 700, remaining: 699, resetMs: undefined, windowMs: undefined }]
 */
export function readRateLimits(headers: Lookup, nowMs: number): RateLimitObservation[] {
  const out: RateLimitObservation[] = [];
  const zendesk = int(headers.get("x-rate-limit-remaining"));
  if (zendesk !== undefined) {
    out.push({
      family: "x-rate-limit",
      limit: int(headers.get("x-rate-limit")),
      remaining: zendesk,
      resetMs: undefined,
      windowMs: undefined,
    });
  }
  const x = int(headers.get("x-ratelimit-remaining"));
  if (x !== undefined) {
    out.push({
      family: "x-ratelimit",
      limit: int(headers.get("x-ratelimit-total")) ?? int(headers.get("x-ratelimit-limit")),
      remaining: x,
      resetMs: resetMs(int(headers.get("x-ratelimit-reset")), nowMs),
      windowMs: undefined,
    });
  }
  const policy = headers.get("ratelimit-policy");
  const ietf = int(headers.get("ratelimit-remaining"));
  const combined = headers.get("ratelimit");
  if (ietf !== undefined) {
    const limitHeader = headers.get("ratelimit-limit");
    const w = param(limitHeader, "w") ?? param(policy, "w");
    out.push({
      family: "ietf",
      limit: int(limitHeader) ?? param(policy, "q"),
      remaining: ietf,
      resetMs: resetMs(int(headers.get("ratelimit-reset")), nowMs),
      windowMs: w === undefined ? undefined : w * 1000,
    });
  } else if (param(combined, "r") !== undefined) {
    const w = param(policy, "w");
    out.push({
      family: "ietf",
      limit: param(policy, "q"),
      remaining: param(combined, "r") ?? 0,
      resetMs: resetMs(param(combined, "t"), nowMs),
      windowMs: w === undefined ? undefined : w * 1000,
    });
  }
  return out;
}

/**
 * The lowest remaining count on a response, for metrics.
 *
 * @example
 * lowestRemaining(readRateLimits(response.headers, Date.now())); // e.g. 98, or undefined without headers
 */
export function lowestRemaining(observations: readonly RateLimitObservation[]): number | undefined {
  return observations.length === 0 ? undefined : Math.min(...observations.map((o) => o.remaining));
}
