import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type FakeZendesk, startFakeZendesk } from "./fake-zendesk.ts";
import { fakeZendeskClient } from "./test-client.ts";
import type { TicketSeed } from "./types.ts";

const NOW = Date.parse("2025-06-10T12:00:00Z");
const MANY = 1200;

const q = (query: string) => encodeURIComponent(query);

describe("fake Zendesk: search", () => {
  let zendesk: FakeZendesk;
  let call: ReturnType<typeof fakeZendeskClient>;
  before(async () => {
    const tickets: TicketSeed[] = Array.from({ length: MANY }, (_, i) => ({
      subject: `Question ${i + 1}`,
      status: i % 4 === 0 ? "solved" : "open",
      group_id: i < 10 ? 5 : 6,
      tags: i < 3 ? ["billing"] : [],
      created_at: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    }));
    zendesk = await startFakeZendesk({
      now: () => NOW,
      seed: {
        groups: [
          { id: 5, name: "Tier 1" },
          { id: 6, name: "Tier 2" },
        ],
        tickets,
      },
    });
    call = fakeZendeskClient(zendesk.url);
  });
  after(() => zendesk.close());

  it("returns results with result_type ticket and the true count", async () => {
    const { status, json } = await call(`/api/v2/search.json?query=${q('type:ticket group:"Tier 1" status<solved')}`);
    assert.equal(status, 200);
    assert.equal(json.count, 7);
    assert.ok(
      json.results.every(
        (r: { result_type: string; group_id: number }) => r.result_type === "ticket" && r.group_id === 5,
      ),
    );
    assert.equal(json.next_page, null);
  });

  it("counts past the 1,000-result cap but refuses page 11 of 100 with 422", async () => {
    const page10 = await call(`/api/v2/search.json?query=${q("type:ticket")}&per_page=100&page=10`);
    assert.equal(page10.status, 200);
    assert.equal(page10.json.count, MANY);
    assert.equal(page10.json.results.length, 100);
    // [U] Zendesk still offers next_page here; following it meets the cap.
    assert.ok(page10.json.next_page.startsWith(`${zendesk.url}/api/v2/search.json?`));
    const page11 = await call(page10.json.next_page);
    assert.equal(page11.status, 422);
    assert.equal(page11.json.error, "invalid");
  });

  it("can stop offering next_page at the cap (quirk)", async () => {
    zendesk.setQuirks({ searchNextPageBeyondCap: false });
    const page10 = await call(`/api/v2/search.json?query=${q("type:ticket")}&per_page=100&page=10`);
    zendesk.setQuirks({ searchNextPageBeyondCap: true });
    assert.equal(page10.json.next_page, null);
  });

  it("pages by per_page up to 100 following absolute next_page, each result once", async () => {
    const ids: number[] = [];
    let url: string | null = `/api/v2/search.json?query=${q("tags:billing")}&per_page=1`;
    while (url) {
      const { json } = await call(url);
      ids.push(...json.results.map((r: { id: number }) => r.id));
      url = json.next_page;
    }
    assert.deepEqual(ids, [1, 2, 3]);
    const clamped = await call(`/api/v2/search.json?query=${q("type:ticket")}&per_page=500`);
    assert.equal(clamped.json.results.length, 100);
  });

  it("refuses cursor parameters with 400 and the invalid-attribute body", async () => {
    const { status, json } = await call(`/api/v2/search.json?query=${q("type:ticket")}&page[size]=100`);
    assert.equal(status, 400);
    assert.equal(json.error.title, "Invalid attribute");
    assert.match(json.error.message, /invalid value for the page attribute/);
  });

  it("sorts by sort_by and sort_order (desc by default)", async () => {
    const desc = await call(`/api/v2/search.json?query=${q("tags:billing")}&sort_by=created_at`);
    const asc = await call(`/api/v2/search.json?query=${q("tags:billing")}&sort_by=created_at&sort_order=asc`);
    assert.deepEqual(
      desc.json.results.map((r: { id: number }) => r.id),
      [3, 2, 1],
    );
    assert.deepEqual(
      asc.json.results.map((r: { id: number }) => r.id),
      [1, 2, 3],
    );
  });

  it("filters by created/updated dates", async () => {
    const { json } = await call(`/api/v2/search.json?query=${q("created<2025-01-01T03:00:00Z")}`);
    assert.equal(json.count, 3);
  });

  it("finds new and changed tickets only after the indexing delay", async () => {
    zendesk.setSearchIndexDelay(120_000);
    const fresh = zendesk.addTicket({ subject: "Brand new", tags: ["fresh"] });
    const before = await call(`/api/v2/search.json?query=${q("tags:fresh")}`);
    assert.equal(before.json.count, 0);
    zendesk.editTicket(1, { additional_tags: ["moved"] });
    const stale = await call(`/api/v2/search.json?query=${q("tags:billing")}`);
    assert.equal(
      stale.json.results.find((r: { id: number }) => r.id === 1).tags.includes("moved"),
      false,
      "the index holds the old version",
    );
    zendesk.advanceTime(120_000);
    const afterDelay = await call(`/api/v2/search.json?query=${q("tags:fresh")}`);
    assert.deepEqual(
      afterDelay.json.results.map((r: { id: number }) => r.id),
      [fresh.id],
    );
    const updated = await call(`/api/v2/search.json?query=${q("tags:moved")}`);
    assert.deepEqual(
      updated.json.results.map((r: { id: number }) => r.id),
      [1],
    );
    zendesk.setSearchIndexDelay(0);
  });
});

describe("fake Zendesk: export search", () => {
  let zendesk: FakeZendesk;
  let call: ReturnType<typeof fakeZendeskClient>;
  before(async () => {
    zendesk = await startFakeZendesk({
      now: () => NOW,
      seed: {
        tickets: Array.from({ length: 2500 }, (_, i) => ({ subject: `T${i}`, status: i % 2 ? "open" : "pending" })),
      },
    });
    call = fakeZendeskClient(zendesk.url);
  });
  after(() => zendesk.close());

  it("pages by cursor up to 1,000 per page, without count, each ticket once", async () => {
    const ids: number[] = [];
    let url: string | null = `/api/v2/search/export.json?query=${q("status:open")}&filter[type]=ticket&page[size]=1000`;
    let pages = 0;
    while (url && pages < 10) {
      const { status, json } = await call(url);
      assert.equal(status, 200);
      assert.equal("count" in json, false);
      ids.push(...json.results.map((r: { id: number }) => r.id));
      pages += 1;
      url = json.meta.has_more ? json.links.next : null;
      if (url) assert.ok(url.startsWith(zendesk.url));
    }
    assert.equal(pages, 2);
    assert.equal(ids.length, 1250);
    assert.equal(new Set(ids).size, 1250);
  });

  it("refuses the type in the query, a missing filter[type] and page[size] over 1,000 with 400", async () => {
    const inQuery = await call(`/api/v2/search/export.json?query=${q("type:ticket status:open")}&filter[type]=ticket`);
    const noFilter = await call(`/api/v2/search/export.json?query=${q("status:open")}`);
    const tooBig = await call(
      `/api/v2/search/export.json?query=${q("status:open")}&filter[type]=ticket&page[size]=1001`,
    );
    assert.deepEqual([inQuery.status, noFilter.status, tooBig.status], [400, 400, 400]);
  });

  it("expires cursors after an hour", async () => {
    const first = await call(`/api/v2/search/export.json?query=${q("status:open")}&filter[type]=ticket&page[size]=10`);
    zendesk.advanceTime(3_600_001);
    const late = await call(first.json.links.next);
    assert.equal(late.status, 400);
    assert.match(late.json.description, /expired/);
  });
});
