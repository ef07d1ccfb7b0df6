/**
 * @module fakes/zendesk/faults
 * Injected failures, so adapter tests can prove their retries and timeouts: the next N matching
 * requests fail in a chosen way, or a seeded share of them fails at random (same seed, same run).
 */

/** How a request fails. */
export type Fault =
  /** Answer with this status (e.g. 500, 502, 503), a plain-text body and optionally `Retry-After`. */
  | { kind: "status"; status: number; body?: string; retryAfterSeconds?: number }
  /** Answer 429 with `Retry-After: retryAfterSeconds`, as when the budget is spent. */
  | { kind: "rateLimit"; retryAfterSeconds: number }
  /** Hold the request for `ms` and then answer normally; longer than the client's timeout, it is a timeout. */
  | { kind: "delay"; ms: number }
  /** Close the connection without answering. */
  | { kind: "drop" };

/** Which requests a fault applies to; unset fields match everything. */
export interface FaultMatch {
  method?: string;
  /** An exact path (a trailing `.json` is ignored) or a pattern tested against the path as sent. */
  path?: string | RegExp;
}

export interface RandomFaults {
  /** Share of matching requests that fail, 0..1. */
  rate: number;
  seed: number;
  /** Picked from in turn by the same random source. */
  faults: Fault[];
  match?: FaultMatch;
}

export interface FaultControl {
  /** The next `times` (default 1) matching requests fail with `fault`. Queued faults run in order. */
  next(fault: Fault, options?: { times?: number; match?: FaultMatch }): void;
  /** Fail a seeded random share of requests from now on; `null` stops it. */
  random(config: RandomFaults | null): void;
  /** Forgets queued and random faults. */
  clear(): void;
  /** Queued faults not yet used. */
  readonly pending: number;
}

/** The control plus the server's side: which fault, if any, a request gets. */
export interface FaultInjector extends FaultControl {
  pick(method: string, path: string): Fault | undefined;
}

/**
 * @example
 * const faults = createFaultInjector();
 * faults.next({ kind: "status", status: 503 }, { times: 2, match: { method: "PUT" } });
 * faults.pick("PUT", "/api/v2/tickets/1.json"); // { kind: "status", status: 503 }
 */
export function createFaultInjector(): FaultInjector {
  let queue: { fault: Fault; left: number; match: FaultMatch | undefined }[] = [];
  let random: { config: RandomFaults; next: () => number } | null = null;

  return {
    next(fault, options = {}) {
      const times = options.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer; got ${times}`);
      queue.push({ fault, left: times, match: options.match });
    },
    random(config) {
      if (config && (config.rate < 0 || config.rate > 1 || config.faults.length === 0)) {
        throw new RangeError("random faults need a rate in 0..1 and at least one fault");
      }
      random = config ? { config, next: mulberry32(config.seed) } : null;
    },
    clear() {
      queue = [];
      random = null;
    },
    get pending() {
      return queue.reduce((sum, entry) => sum + entry.left, 0);
    },
    pick(method, path) {
      const entry = queue.find((candidate) => matches(candidate.match, method, path));
      if (entry) {
        entry.left -= 1;
        if (entry.left === 0) queue = queue.filter((candidate) => candidate !== entry);
        return entry.fault;
      }
      if (random && matches(random.config.match, method, path) && random.next() < random.config.rate) {
        const { faults } = random.config;
        return faults[Math.floor(random.next() * faults.length)];
      }
      return undefined;
    },
  };
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path === undefined) return true;
  if (typeof match.path === "string") return match.path.replace(/\.json$/, "") === path.replace(/\.json$/, "");
  return match.path.test(path);
}

/** A small seeded PRNG (mulberry32): deterministic, good enough to spread faults. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
