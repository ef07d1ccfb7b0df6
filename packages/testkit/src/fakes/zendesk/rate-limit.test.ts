import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type FakeZendesk, startFakeZendesk } from "./fake-zendesk.ts";
import { fakeZendeskClient } from "./test-client.ts";

const NOW = Date.parse("2025-06-10T12:00:00Z");

describe("fake Zendesk: rate limits", () => {
  let zendesk: FakeZendesk;
  let call: ReturnType<typeof fakeZendeskClient>;
  before(async () => {
    zendesk = await startFakeZendesk({ now: () => NOW, seed: { tickets: [{ id: 1, subject: "x" }] } });
    call = fakeZendeskClient(zendesk.url);
  });
  after(() => zendesk.close());

  it("puts X-Rate-Limit(-Remaining) and ratelimit-limit/-remaining/-reset on every response", async () => {
    zendesk.resetRateLimits();
    const ok = await call("/api/v2/tickets/1.json");
    const missing = await call("/api/v2/tickets/999.json");
    for (const [response, remaining] of [
      [ok, "699"],
      [missing, "698"],
    ] as const) {
      assert.equal(response.headers.get("x-rate-limit"), "700");
      assert.equal(response.headers.get("x-rate-limit-remaining"), remaining);
      assert.equal(response.headers.get("ratelimit-limit"), "700");
      assert.equal(response.headers.get("ratelimit-remaining"), remaining);
      assert.equal(response.headers.get("ratelimit-reset"), "60");
    }
  });

  it("answers 429 with Retry-After and a plain-text body once the minute's budget is spent, until the window passes", async () => {
    zendesk.setRateLimits({ perMinute: 3 });
    zendesk.resetRateLimits();
    try {
      for (let i = 0; i < 3; i++) assert.equal((await call("/api/v2/tickets/1.json")).status, 200);
      zendesk.advanceTime(20_000);
      const limited = await call("/api/v2/tickets/1.json");
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get("retry-after"), "40");
      assert.match(limited.headers.get("content-type") ?? "", /^text\/plain/);
      assert.equal(limited.json, undefined, "the body is not JSON");
      assert.equal(limited.headers.get("x-rate-limit-remaining"), "0");
      zendesk.advanceTime(40_000);
      assert.equal((await call("/api/v2/tickets/1.json")).status, 200);
    } finally {
      zendesk.setRateLimits({ perMinute: 700 });
      zendesk.resetRateLimits();
    }
  });

  it("can answer the 429 as JSON (quirk)", async () => {
    zendesk.setRateLimits({ perMinute: 1 });
    zendesk.resetRateLimits();
    zendesk.setQuirks({ rateLimitBody: "json" });
    try {
      await call("/api/v2/tickets/1.json");
      const limited = await call("/api/v2/tickets/1.json");
      assert.equal(limited.status, 429);
      assert.equal(limited.json.error, "TooManyRequests");
    } finally {
      zendesk.setQuirks({ rateLimitBody: "text" });
      zendesk.setRateLimits({ perMinute: 700 });
      zendesk.resetRateLimits();
    }
  });

  it("limits Update Ticket to its own 100 per minute while reads go on", async () => {
    zendesk.resetRateLimits();
    const put = () =>
      call("/api/v2/tickets/1.json", { method: "PUT", body: { ticket: { comment: { body: "n", public: false } } } });
    for (let i = 0; i < 100; i++) assert.equal((await put()).status, 200);
    const limited = await put();
    assert.equal(limited.status, 429);
    assert.match(limited.text, /ticket updates/);
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
    assert.equal((await call("/api/v2/tickets/1.json")).status, 200, "other endpoints still answer");
    zendesk.advanceTime(60_000);
    assert.equal((await put()).status, 200);
  });

  it("limits the incremental export to 10 per minute", async () => {
    zendesk.resetRateLimits();
    const path = `/api/v2/incremental/tickets/cursor.json?start_time=${Math.floor(zendesk.now() / 1000) - 3600}`;
    for (let i = 0; i < 10; i++) assert.equal((await call(path)).status, 200);
    const limited = await call(path);
    assert.equal(limited.status, 429);
    assert.ok(limited.headers.has("retry-after"));
  });
});
