import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type FakeZendesk, startFakeZendesk } from "./fake-zendesk.ts";
import type { Fault } from "./faults.ts";
import { fakeZendeskClient } from "./test-client.ts";

describe("fake Zendesk: injected faults", () => {
  let zendesk: FakeZendesk;
  let call: ReturnType<typeof fakeZendeskClient>;
  before(async () => {
    zendesk = await startFakeZendesk({ seed: { tickets: [{ id: 1, subject: "x" }] } });
    call = fakeZendeskClient(zendesk.url);
  });
  after(() => zendesk.close());

  it("fails the next N requests with a 5xx, then serves normally", async () => {
    zendesk.faults.next({ kind: "status", status: 503, retryAfterSeconds: 2 }, { times: 2 });
    const first = await call("/api/v2/tickets/1.json");
    const second = await call("/api/v2/tickets/1.json");
    const third = await call("/api/v2/tickets/1.json");
    assert.deepEqual([first.status, second.status, third.status], [503, 503, 200]);
    assert.equal(first.headers.get("retry-after"), "2");
    assert.equal(zendesk.faults.pending, 0);
    assert.equal(zendesk.requests.at(-2)?.fault, "status");
  });

  it("answers an injected 429 with Retry-After", async () => {
    zendesk.faults.next({ kind: "rateLimit", retryAfterSeconds: 7 });
    const limited = await call("/api/v2/tickets/1.json");
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "7");
  });

  it("applies a fault only to matching requests", async () => {
    zendesk.faults.next({ kind: "status", status: 500 }, { match: { method: "PUT", path: "/api/v2/tickets/1" } });
    assert.equal((await call("/api/v2/tickets/1.json")).status, 200);
    const put = await call("/api/v2/tickets/1.json", { method: "PUT", body: { ticket: { priority: "low" } } });
    assert.equal(put.status, 500);
    assert.equal(zendesk.ticket(1)?.priority, null, "the failed update changed nothing");
  });

  it("delays a response past the client's timeout", async () => {
    zendesk.faults.next({ kind: "delay", ms: 5_000 });
    const started = Date.now();
    await assert.rejects(
      call("/api/v2/tickets/1.json", { timeoutMs: 100 }),
      (error: Error) => error.name === "TimeoutError",
    );
    assert.ok(Date.now() - started < 2_000);
    assert.equal((await call("/api/v2/tickets/1.json")).status, 200);
  });

  it("drops the connection without an answer", async () => {
    zendesk.faults.next({ kind: "drop" });
    await assert.rejects(call("/api/v2/tickets/1.json"), TypeError);
    assert.equal(zendesk.requests.at(-1)?.status, 0);
    assert.equal((await call("/api/v2/tickets/1.json")).status, 200);
  });

  it("fails a seeded random share of requests the same way on every run", async () => {
    const faults: Fault[] = [
      { kind: "status", status: 502 },
      { kind: "rateLimit", retryAfterSeconds: 1 },
    ];
    const run = async () => {
      zendesk.faults.random({ rate: 0.3, seed: 42, faults });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await call("/api/v2/tickets/1.json")).status);
      zendesk.faults.random(null);
      return statuses;
    };
    const first = await run();
    const second = await run();
    assert.deepEqual(first, second);
    const failed = first.filter((s) => s !== 200).length;
    assert.ok(failed >= 4 && failed <= 20, `failed ${failed} of 40`);
    assert.ok(first.includes(502) && first.includes(429));
  });

  it("closes promptly while a delayed request is pending", async () => {
    const other = await startFakeZendesk();
    other.faults.next({ kind: "delay", ms: 30_000 });
    const pending = fakeZendeskClient(other.url)("/api/v2/users/me.json").catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await other.close();
    assert.ok(Date.now() - started < 1_000);
    assert.ok((await pending) instanceof Error);
  });
});
