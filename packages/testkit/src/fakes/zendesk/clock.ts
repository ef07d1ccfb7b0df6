/**
 * @module fakes/zendesk/clock
 * The fake's sense of time: a source (real time by default) plus an offset that tests move forward,
 * so rate-limit windows, indexing delays and cursor expiry need no real waiting.
 */

export interface FakeClock {
  now(): number;
  advance(ms: number): void;
}

/**
 * @example
 * const clock = createClock(() => Date.parse("2025-01-01T00:00:00Z"));
 * clock.advance(60_000);
 * zendeskTime(clock.now()); // "2025-01-01T00:01:00Z"
 */
export function createClock(source: () => number = Date.now): FakeClock {
  let offset = 0;
  return {
    now: () => source() + offset,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`time only moves forward; got ${ms} ms`);
      offset += ms;
    },
  };
}

/** Zendesk writes times as ISO 8601 in UTC with whole seconds: `2011-05-05T10:38:52Z`. */
export function zendeskTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
