import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type FakeZendesk, startFakeZendesk } from "./fake-zendesk.ts";
import { fakeZendeskClient } from "./test-client.ts";

const NOW = Date.parse("2025-06-10T12:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("fake Zendesk: incremental ticket export (cursor)", () => {
  let zendesk: FakeZendesk;
  let call: ReturnType<typeof fakeZendeskClient>;
  before(async () => {
    zendesk = await startFakeZendesk({
      now: () => NOW,
      rateLimits: { incrementalPerMinute: 1000 },
      seed: {
        tickets: Array.from({ length: 2100 }, (_, i) => ({
          subject: `T${i + 1}`,
          // One change per minute going back from two hours ago, the newest first.
          updated_at: iso(NOW - 7_200_000 - i * 60_000),
        })),
      },
    });
    call = fakeZendeskClient(zendesk.url);
  });
  after(() => zendesk.close());

  const startTime = Math.floor((NOW - 30 * 86_400_000) / 1000);

  it("exports every ticket once, oldest change first, following after_cursor until end_of_stream", async () => {
    const ids: number[] = [];
    let path = `/api/v2/incremental/tickets/cursor.json?start_time=${startTime}`;
    let pages = 0;
    for (;;) {
      const { status, json } = await call(path);
      assert.equal(status, 200);
      ids.push(...json.tickets.map((t: { id: number }) => t.id));
      pages += 1;
      assert.equal(json.after_url, `${zendesk.url}/api/v2/incremental/tickets/cursor.json?cursor=${json.after_cursor}`);
      if (json.end_of_stream || pages > 5) break;
      path = `/api/v2/incremental/tickets/cursor.json?cursor=${json.after_cursor}`;
    }
    assert.equal(pages, 3);
    assert.equal(ids.length, 2100);
    assert.equal(ids[0], 2100, "the oldest change comes first");
    assert.equal(new Set(ids).size, 2100);
  });

  it("resumes from the last cursor to pick up later changes, but not those of the last minute", async () => {
    let last = await call(`/api/v2/incremental/tickets/cursor.json?start_time=${startTime}&per_page=1000`);
    while (!last.json.end_of_stream) {
      last = await call(`/api/v2/incremental/tickets/cursor.json?cursor=${last.json.after_cursor}`);
    }
    const cursor = last.json.after_cursor;
    zendesk.editTicket(7, { priority: "high" });
    const tooSoon = await call(`/api/v2/incremental/tickets/cursor.json?cursor=${cursor}`);
    assert.deepEqual(tooSoon.json.tickets, [], "changes from the last minute are left out");
    assert.equal(tooSoon.json.end_of_stream, true);
    zendesk.advanceTime(61_000);
    const later = await call(`/api/v2/incremental/tickets/cursor.json?cursor=${cursor}`);
    assert.deepEqual(
      later.json.tickets.map((t: { id: number; priority: string }) => [t.id, t.priority]),
      [[7, "high"]],
    );
  });

  it("refuses a missing start_time, a too recent one and a forged cursor with 400", async () => {
    const missing = await call("/api/v2/incremental/tickets/cursor.json");
    const recent = await call(`/api/v2/incremental/tickets/cursor.json?start_time=${Math.floor(zendesk.now() / 1000)}`);
    const forged = await call("/api/v2/incremental/tickets/cursor.json?cursor=abc");
    assert.deepEqual([missing.status, recent.status, forged.status], [400, 400, 400]);
  });
});
