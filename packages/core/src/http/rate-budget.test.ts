import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { isOtaiError } from "../errors.ts";
import { sendJson, startServer, type TestServer, type VirtualClock, virtualClock } from "./_test-support.ts";
import { createHttpClient } from "./client.ts";
import { createRateBudget } from "./rate-budget.ts";
import type { RateLimitObservation } from "./rate-limit-headers.ts";
import type { HttpClient } from "./types.ts";

const ietf = (remaining: number, resetS: number, limit = 100): RateLimitObservation => ({
  family: "ietf",
  limit,
  remaining,
  resetMs: resetS * 1000,
  windowMs: undefined,
});

describe("rate budget (unit, virtual clock)", () => {
  it("sends at once while nothing is known", async () => {
    const clock = virtualClock();
    const budget = createRateBudget({ name: "Zendesk", now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 5; i++) (await budget.acquire()).settle({ status: 200, observations: [] });
    assert.deepEqual(clock.sleeps, []);
  });

  it("waits for the reset (plus the rounding margin) when remaining is used up", async () => {
    const clock = virtualClock();
    const budget = createRateBudget({ name: "Zendesk", now: clock.now, sleep: clock.sleep });
    (await budget.acquire()).settle({ status: 200, observations: [ietf(0, 10)] });
    const t0 = clock.t;
    await budget.acquire();
    assert.equal(clock.t - t0, 11_000);
  });

  it("spaces requests evenly when remaining is low for the time left, and spends it before the reset", async () => {
    const clock = virtualClock();
    const budget = createRateBudget({ name: "Zendesk", now: clock.now, sleep: clock.sleep, resetMarginMs: 0 });
    // 10 of 100 left (2 of them the reserve) with 30 s to go: far behind the 0.6 s average pace.
    (await budget.acquire()).settle({ status: 200, observations: [ietf(10, 30)] });
    const start = clock.t;
    const sentAt: number[] = [];
    for (let i = 0; i < 9; i++) {
      const permit = await budget.acquire();
      sentAt.push(clock.t - start);
      const left = 30_000 - (clock.t - start);
      permit.settle({ status: 200, observations: [ietf(9 - i, Math.max(0, Math.ceil(left / 1000)))] });
    }
    const spaced = sentAt.slice(0, 8);
    const gaps = spaced.map((t, i) => t - (i === 0 ? 0 : (spaced[i - 1] ?? 0)));
    assert.ok(
      gaps.every((g) => g >= 3000 && g <= 3500),
      `even gaps of 30 s / 9: ${gaps}`,
    );
    assert.ok(
      spaced.every((t) => t < 30_000),
      `the 8 usable ones go before the reset: ${spaced}`,
    );
    assert.ok((sentAt[8] ?? 0) >= 30_000, `the 9th would eat the reserve, so it waits for the reset: ${sentAt}`);
  });

  it("keeps a small reserve of the server's limit untouched", async () => {
    const clock = virtualClock();
    const budget = createRateBudget({ name: "Zendesk", now: clock.now, sleep: clock.sleep });
    // 2% of 700 = 14: with 14 remaining the next request waits for the reset.
    (await budget.acquire()).settle({ status: 200, observations: [ietf(14, 20, 700)] });
    const t0 = clock.t;
    await budget.acquire();
    assert.equal(clock.t - t0, 21_000);
  });

  it("never lets more than requestsPerMinute through in a rolling minute", async () => {
    const clock = virtualClock();
    const budget = createRateBudget({ name: "Freshdesk", now: clock.now, sleep: clock.sleep, requestsPerMinute: 3 });
    const t0 = clock.t;
    const at: number[] = [];
    for (let i = 0; i < 7; i++) {
      (await budget.acquire()).settle();
      at.push(clock.t - t0);
      clock.t += 1000; // a second of work between requests
    }
    assert.deepEqual(at, [0, 1000, 2000, 60_000, 61_000, 62_000, 120_000]);
  });

  it("pauses every request after a 429 with Retry-After", async () => {
    const clock = virtualClock();
    const budget = createRateBudget({ name: "Zendesk", now: clock.now, sleep: clock.sleep });
    (await budget.acquire()).settle({ status: 429, observations: [], retryAfterMs: 5000 });
    const t0 = clock.t;
    await budget.acquire();
    assert.equal(clock.t - t0, 5000);
  });

  it("pauses every request after a 429 whose headers show a spent limit, but not one whose headers show budget left", async () => {
    const spent = virtualClock();
    const a = createRateBudget({ name: "Zendesk", now: spent.now, sleep: spent.sleep });
    (await a.acquire()).settle({ status: 429, observations: [ietf(0, 30)], retryAfterMs: 5000 });
    const t0 = spent.t;
    await a.acquire();
    assert.ok(spent.t - t0 >= 5000);

    const plenty = virtualClock();
    const b = createRateBudget({ name: "Zendesk", now: plenty.now, sleep: plenty.sleep });
    (await b.acquire()).settle({ status: 429, observations: [ietf(80, 30)], retryAfterMs: 5000 });
    const t1 = plenty.t;
    await b.acquire();
    assert.ok(plenty.t - t1 < 5000, "a burst refusal of one request does not hold back the others");
  });

  it("does not take a small rise in remaining (an error reply that was not counted) for a new window", async () => {
    const clock = virtualClock();
    const budget = createRateBudget({ name: "Zendesk", now: clock.now, sleep: clock.sleep, windowMs: 10_000 });
    const zendesk = (remaining: number): RateLimitObservation => ({
      family: "x-rate-limit",
      limit: 500,
      remaining,
      resetMs: undefined,
      windowMs: undefined,
    });
    const start = clock.t;
    (await budget.acquire()).settle({ status: 200, observations: [zendesk(499)] });
    for (let i = 0; i < 10; i++) (await budget.acquire()).settle({ status: 200, observations: [] });
    clock.t += 5000;
    // Halfway through the window, a reply the server did not count reports a few more left than we think.
    (await budget.acquire()).settle({ status: 503, observations: [zendesk(496)] });
    // The rest of the budget must still run out by the original window's end, not 10 s after the 503.
    for (let i = 0; i < 470; i++) (await budget.acquire()).settle({ status: 200, observations: [] });
    const took = clock.t - start;
    assert.ok(took <= 10_000 + 500, `the requests took ${took} ms, past the first window's end`);
  });

  it("refuses a wait longer than maxWaitMs with RATE_LIMITED and retryAfterMs", async () => {
    const clock = virtualClock();
    const budget = createRateBudget({ name: "Zendesk", now: clock.now, sleep: clock.sleep, maxWaitMs: 10_000 });
    (await budget.acquire()).settle({ status: 200, observations: [ietf(0, 59)] });
    await assert.rejects(budget.acquire(), (error) => {
      assert.ok(isOtaiError(error, "OTAI_HELPDESK_RATE_LIMITED"));
      assert.equal(error.details.retryAfterMs, 60_000);
      return true;
    });
    assert.deepEqual(clock.sleeps, []);
  });

  it("counts requests in flight, so concurrent callers cannot overrun the remaining count", async () => {
    const clock = virtualClock();
    const budget = createRateBudget({
      name: "Zendesk",
      now: clock.now,
      sleep: clock.sleep,
      resetMarginMs: 0,
      maxWaitMs: 3_600_000,
    });
    (await budget.acquire()).settle({ status: 200, observations: [ietf(3, 600, 10)] });
    const t0 = clock.t;
    // No response comes back meanwhile: the budget must count the three it let go itself.
    const grantedAt = await Promise.all([1, 2, 3, 4].map(() => budget.acquire().then(() => clock.t - t0)));
    assert.ok(
      grantedAt.slice(0, 3).every((t) => t < 600_000),
      `granted at ${grantedAt}`,
    );
    assert.ok((grantedAt[3] ?? 0) >= 600_000, `the fourth waits for the reset: ${grantedAt}`);
  });

  it("releases a queued caller at once when it aborts", async () => {
    const clock = virtualClock();
    const never = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((_resolve, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
    const budget = createRateBudget({ name: "Zendesk", now: clock.now, sleep: never });
    (await budget.acquire()).settle({ status: 429, observations: [], retryAfterMs: 60_000 });
    const first = new AbortController();
    const second = new AbortController();
    const waiting = [budget.acquire(first.signal), budget.acquire(second.signal)];
    second.abort(new Error("second gave up"));
    await assert.rejects(waiting[1] as Promise<unknown>, /second gave up/);
    first.abort(new Error("first gave up"));
    await assert.rejects(waiting[0] as Promise<unknown>, /first gave up/);
  });
});

type Style = "zendesk" | "freshdesk";

interface LimitedServer {
  server: TestServer;
  accepted: number[];
  rejected: number;
}

/**
 * A help desk that counts requests per fixed window of its own (virtual) clock and answers 429 past
 * the limit, with Zendesk's headers (account pair + IETF trio with the reset) or Freshdesk's (no reset).
 */
async function fixedWindowServer(
  clock: VirtualClock,
  limit: number,
  windowMs: number,
  style: Style,
): Promise<LimitedServer> {
  const counts = new Map<number, number>();
  const state: LimitedServer = { server: undefined as unknown as TestServer, accepted: [], rejected: 0 };
  state.server = await startServer((_req, res) => {
    const t = clock.now();
    const window = Math.floor(t / windowMs);
    const used = (counts.get(window) ?? 0) + 1;
    counts.set(window, used);
    const resetS = Math.ceil(((window + 1) * windowMs - t) / 1000);
    const remaining = String(Math.max(0, limit - used));
    const headers: Record<string, string> =
      style === "zendesk"
        ? {
            "x-rate-limit": String(limit * 7),
            "x-rate-limit-remaining": String(Math.max(0, limit * 7 - used)),
            "ratelimit-limit": String(limit),
            "ratelimit-remaining": remaining,
            "ratelimit-reset": String(resetS),
          }
        : {
            "x-ratelimit-total": String(limit),
            "x-ratelimit-remaining": remaining,
            "x-ratelimit-used-currentrequest": "1",
          };
    if (used > limit) {
      state.rejected += 1;
      sendJson(res, 429, { error: "APIRateLimitExceeded" }, { ...headers, "retry-after": String(resetS) });
    } else {
      state.accepted.push(t);
      sendJson(res, 200, { ok: true }, headers);
    }
  });
  return state;
}

/**
 * How much of the limit a run used: per window (the first and last are partial), the mean over the
 * complete ones, and the average rate over the whole run as a share of the limit's rate.
 */
function utilisation(accepted: number[], limit: number, windowMs: number) {
  const windows = accepted.map((t) => Math.floor(t / windowMs));
  const first = windows[0] ?? 0;
  const last = windows.at(-1) ?? 0;
  const perWindow: number[] = [];
  for (let w = first; w <= last; w++) perWindow.push(windows.filter((x) => x === w).length);
  const full = perWindow.slice(1, -1).map((n) => n / limit);
  const span = (accepted.at(-1) ?? 0) - (accepted[0] ?? 0);
  return {
    perWindow,
    fullWindows: full,
    fullMean: full.reduce((a, b) => a + b, 0) / full.length,
    rate: accepted.length / ((limit * span) / windowMs),
  };
}

describe("rate budget against a fake rate-limited server (virtual clock)", () => {
  const open: { close(): Promise<void> }[] = [];
  after(async () => {
    for (const thing of open.reverse()) await thing.close();
  });

  async function run(style: Style, workers: number, total: number, limit = 100) {
    const clock = virtualClock();
    const windowMs = 60_000;
    const fake = await fixedWindowServer(clock, limit, windowMs, style);
    const client: HttpClient = createHttpClient({
      baseUrl: fake.server.url,
      name: style,
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0.5,
    });
    open.push(fake.server, client);
    let next = 0;
    const worker = async () => {
      while (next < total) {
        next += 1;
        await client.request({ method: "GET", path: "/tickets.json" });
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    return { fake, ...utilisation(fake.accepted, limit, windowMs) };
  }

  const report = (u: ReturnType<typeof utilisation>) =>
    `limit 100/min; accepted per window ${u.perWindow}; complete windows ${u.fullMean.toFixed(3)}; rate ${u.rate.toFixed(3)}`;

  it("Zendesk headers (with reset), one request at a time: no 429 and >= 80% of the limit used (fake server)", async (t) => {
    const { fake, ...u } = await run("zendesk", 1, 500);
    t.diagnostic(report(u));
    assert.equal(fake.rejected, 0, "no request may be refused");
    assert.equal(fake.accepted.length, 500);
    assert.ok(u.fullWindows.length >= 3 && u.fullWindows.every((x) => x >= 0.8), report(u));
    assert.ok(u.rate >= 0.8, report(u));
  });

  it("Zendesk headers, four concurrent workers: still no 429 and >= 80% used (fake server)", async (t) => {
    const { fake, ...u } = await run("zendesk", 4, 400);
    t.diagnostic(report(u));
    assert.equal(fake.rejected, 0);
    assert.equal(fake.accepted.length, 400);
    assert.ok(u.fullWindows.length >= 2 && u.fullWindows.every((x) => x >= 0.8), report(u));
    assert.ok(u.rate >= 0.8, report(u));
  });

  it("Freshdesk headers (no reset given): no 429 and >= 80% used once the window is learnt (fake server)", async (t) => {
    const { fake, ...u } = await run("freshdesk", 1, 500);
    t.diagnostic(report(u));
    assert.equal(fake.rejected, 0);
    assert.equal(fake.accepted.length, 500);
    // The first window is spent cautiously (its end is unknown); every complete one after that is used.
    assert.ok(u.fullWindows.length >= 3 && u.fullWindows.every((x) => x >= 0.8), report(u));
    assert.ok(u.rate >= 0.8, report(u));
  });

  it("requestsPerMinute alone keeps a headerless server with a rolling minute happy (fake server)", async (t) => {
    const clock = virtualClock();
    const limit = 60;
    const seen: number[] = [];
    let rejected = 0;
    const server = await startServer((_req, res) => {
      const t = clock.now();
      const inMinute = seen.filter((s) => s > t - 60_000).length;
      if (inMinute >= limit) {
        rejected += 1;
        sendJson(res, 429, {}, { "retry-after": "60" });
        return;
      }
      seen.push(t);
      clock.t += 250; // each request takes a quarter second of virtual time
      sendJson(res, 200, {});
    });
    const client = createHttpClient({
      baseUrl: server.url,
      name: "Zammad",
      now: clock.now,
      sleep: clock.sleep,
      rateLimit: { requestsPerMinute: limit },
    });
    open.push(server, client);
    for (let i = 0; i < 240; i++) await client.request({ method: "GET", path: "/api/v1/tickets" });
    assert.equal(rejected, 0);
    const span = (seen.at(-1) ?? 0) - (seen[0] ?? 0);
    // With at most `limit` per rolling minute, a span of s ms can hold limit * (floor(s / 60 s) + 1) requests.
    const possible = limit * (Math.floor(span / 60_000) + 1);
    t.diagnostic(`60/min: ${seen.length} requests over ${span} ms, ${possible} possible`);
    assert.ok(seen.length / possible >= 0.8, `used ${seen.length} of ${possible}`);
  });
});
