import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type FakeZendesk, startFakeZendesk } from "./fake-zendesk.ts";
import { fakeZendeskClient } from "./test-client.ts";
import type { TicketSeed } from "./types.ts";

const START = Date.parse("2025-03-01T09:00:00Z");
const TICKETS = 250;

function seedTickets(): TicketSeed[] {
  return Array.from({ length: TICKETS }, (_, i) => ({
    subject: `Ticket ${i + 1}`,
    // Out of id order on purpose, so sorting by updated_at is a different walk than by id.
    updated_at: new Date(START - ((i * 7919) % TICKETS) * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    created_at: "2025-01-01T00:00:00Z",
    status: i % 3 === 0 ? "open" : "new",
    group_id: i % 2 === 0 ? 10 : 20,
  }));
}

/** Follows `links.next` (absolute) while `meta.has_more`, collecting ids. */
async function walkCursor(call: ReturnType<typeof fakeZendeskClient>, first: string, key = "tickets") {
  const ids: number[] = [];
  let url: string | null = first;
  let pages = 0;
  while (url !== null && pages < 50) {
    const { status, json } = await call(url);
    assert.equal(status, 200, url);
    ids.push(...json[key].map((item: { id: number }) => item.id));
    pages += 1;
    url = json.meta.has_more ? json.links.next : null;
  }
  return { ids, pages };
}

/** Follows `next_page` (absolute) until null, collecting ids. */
async function walkOffset(call: ReturnType<typeof fakeZendeskClient>, first: string, key = "tickets") {
  const ids: number[] = [];
  let url: string | null = first;
  let pages = 0;
  while (url !== null && pages < 50) {
    const { status, json } = await call(url);
    assert.equal(status, 200, url);
    ids.push(...json[key].map((item: { id: number }) => item.id));
    pages += 1;
    url = json.next_page;
  }
  return { ids, pages };
}

const everyId = Array.from({ length: TICKETS }, (_, i) => i + 1);

describe("fake Zendesk: pagination", () => {
  let zendesk: FakeZendesk;
  let call: ReturnType<typeof fakeZendeskClient>;
  before(async () => {
    zendesk = await startFakeZendesk({
      now: () => START,
      seed: {
        groups: [
          { id: 10, name: "Tier 1" },
          { id: 20, name: "Tier 2" },
          { id: 30, name: "Gone", deleted: true },
        ],
        ticketFields: [
          {
            id: 500,
            type: "tagger",
            title: "Category",
            custom_field_options: [
              { name: "Billing", value: "billing" },
              { name: "Technical", value: "technical" },
            ],
          },
          { id: 501, type: "text", title: "Order number" },
        ],
        views: [
          {
            id: 7,
            title: "Tier 1 open",
            conditions: {
              all: [
                { field: "group_id", operator: "is", value: 10 },
                { field: "status", operator: "is", value: "open" },
              ],
            },
          },
          {
            id: 8,
            title: "Unsolved",
            conditions: { all: [{ field: "status", operator: "less_than", value: "solved" }] },
          },
        ],
        tickets: seedTickets(),
      },
    });
    call = fakeZendeskClient(zendesk.url);
  });
  after(() => zendesk.close());

  it("visits every ticket exactly once with cursor pagination, following absolute links.next", async () => {
    const { ids, pages } = await walkCursor(call, "/api/v2/tickets.json?page[size]=100");
    assert.deepEqual(ids, everyId);
    assert.equal(pages, 3);
  });

  it("visits every ticket once with a cursor sorted by -updated_at, newest first", async () => {
    const { ids } = await walkCursor(call, "/api/v2/tickets.json?page[size]=40&sort=-updated_at");
    assert.deepEqual(
      [...ids].sort((a, b) => a - b),
      everyId,
    );
    const updated = ids.map((id) => Date.parse(zendesk.ticket(id)?.updated_at ?? ""));
    assert.deepEqual(
      updated,
      [...updated].sort((a, b) => b - a),
    );
  });

  it("visits every ticket exactly once with offset pagination, following absolute next_page", async () => {
    const { ids, pages } = await walkOffset(call, "/api/v2/tickets.json?per_page=100");
    assert.deepEqual(ids, everyId);
    assert.equal(pages, 3);
  });

  it("answers cursor pages with meta and absolute links to the fake", async () => {
    const { json } = await call("/api/v2/tickets?page[size]=100");
    assert.equal(json.meta.has_more, true);
    assert.equal(typeof json.meta.after_cursor, "string");
    assert.ok(json.links.next.startsWith(`${zendesk.url}/api/v2/tickets?`), json.links.next);
    assert.match(json.links.next, /page\[after\]=/);
    const last = await call(
      `/api/v2/tickets.json?page[size]=100&page[after]=${encodeURIComponent(json.meta.after_cursor)}`,
    );
    const end = await call(last.json.links.next);
    assert.equal(end.json.meta.has_more, false);
    assert.equal(end.json.tickets.length, 50);
  });

  it("walks back with page[before] to the previous page", async () => {
    const first = await call("/api/v2/tickets.json?page[size]=100");
    const second = await call(first.json.links.next);
    assert.deepEqual(
      second.json.tickets.map((t: { id: number }) => t.id),
      everyId.slice(100, 200),
    );
    const back = await call(second.json.links.prev);
    assert.deepEqual(
      back.json.tickets.map((t: { id: number }) => t.id),
      everyId.slice(0, 100),
    );
  });

  it("answers offset pages with count, absolute next_page and previous_page", async () => {
    const { json } = await call("/api/v2/tickets.json?page=2&per_page=100");
    assert.equal(json.count, TICKETS);
    assert.equal(json.next_page, `${zendesk.url}/api/v2/tickets.json?page=3&per_page=100`);
    assert.equal(json.previous_page, `${zendesk.url}/api/v2/tickets.json?page=1&per_page=100`);
  });

  it("refuses page[size] over 100 with 400, or serves 100 with the clamp quirk", async () => {
    const refused = await call("/api/v2/tickets.json?page[size]=101");
    assert.equal(refused.status, 400);
    zendesk.setQuirks({ cursorPageSizeOverMax: "clamp" });
    const clamped = await call("/api/v2/tickets.json?page[size]=500");
    zendesk.setQuirks({ cursorPageSizeOverMax: "error" });
    assert.equal(clamped.json.tickets.length, 100);
  });

  it("refuses offset pagination past the first 10,000 records with 400", async () => {
    const lastAllowed = await call("/api/v2/tickets.json?page=100&per_page=100");
    assert.equal(lastAllowed.status, 200);
    assert.deepEqual(lastAllowed.json.tickets, []);
    const beyond = await call("/api/v2/tickets.json?page=101&per_page=100");
    assert.equal(beyond.status, 400);
    assert.equal(beyond.json.error, "InvalidPaginationParameter");
    const beyondSmallPages = await call("/api/v2/tickets.json?page=1001&per_page=10");
    assert.equal(beyondSmallPages.status, 400);
  });

  it("rejects a forged cursor with 400", async () => {
    const { status } = await call("/api/v2/tickets.json?page[size]=10&page[after]=not-a-cursor");
    assert.equal(status, 400);
  });

  it("shows one ticket, or 404 RecordNotFound", async () => {
    const found = await call("/api/v2/tickets/42.json");
    assert.equal(found.json.ticket.id, 42);
    assert.equal(found.json.ticket.url, `${zendesk.url}/api/v2/tickets/42.json`);
    const missing = await call("/api/v2/tickets/9999.json");
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { error: "RecordNotFound", description: "Not found" });
  });

  it("shows many tickets by id, skipping unknown ones, at most 100 ids", async () => {
    const { json } = await call("/api/v2/tickets/show_many.json?ids=3,1,9999");
    assert.deepEqual(
      json.tickets.map((t: { id: number }) => t.id),
      [3, 1],
    );
    const tooMany = await call(`/api/v2/tickets/show_many.json?ids=${everyId.slice(0, 101).join(",")}`);
    assert.equal(tooMany.status, 400);
  });

  it("lists a view's tickets by its conditions, with cursor and offset paging", async () => {
    const expected = zendesk
      .tickets()
      .filter((t) => t.group_id === 10 && t.status === "open")
      .map((t) => t.id);
    const cursor = await walkCursor(call, "/api/v2/views/7/tickets.json?page[size]=10");
    const offset = await walkOffset(call, "/api/v2/views/7/tickets.json?per_page=10");
    assert.ok(expected.length > 10);
    assert.deepEqual(cursor.ids, expected);
    assert.deepEqual(offset.ids, expected);
    const unsolved = await call("/api/v2/views/8/tickets.json?per_page=1");
    assert.equal(unsolved.json.count, TICKETS);
    assert.equal((await call("/api/v2/views/99/tickets.json")).status, 404);
  });

  it("lists groups without deleted ones, with both paginations", async () => {
    const offset = await call("/api/v2/groups.json");
    assert.deepEqual(
      offset.json.groups.map((g: { name: string }) => g.name),
      ["Tier 1", "Tier 2"],
    );
    const cursor = await walkCursor(call, "/api/v2/groups.json?page[size]=1", "groups");
    assert.deepEqual(cursor.ids, [10, 20]);
  });

  it("lists ticket fields with a drop-down's custom_field_options", async () => {
    const { json } = await call("/api/v2/ticket_fields.json");
    const category = json.ticket_fields.find((f: { id: number }) => f.id === 500);
    assert.equal(category.type, "tagger");
    assert.deepEqual(
      category.custom_field_options.map((o: { name: string; value: string }) => [o.name, o.value]),
      [
        ["Billing", "billing"],
        ["Technical", "technical"],
      ],
    );
  });
});

describe("fake Zendesk: comments", () => {
  let zendesk: FakeZendesk;
  let call: ReturnType<typeof fakeZendeskClient>;
  before(async () => {
    zendesk = await startFakeZendesk({
      seed: {
        tickets: [
          {
            id: 1,
            subject: "Cannot log in",
            comments: Array.from({ length: 25 }, (_, i) => ({
              body: i === 0 ? "I cannot log in since Monday." : `Reply ${i}`,
              public: i % 5 !== 4,
              created_at: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString().replace(/\.\d{3}Z$/, "Z"),
            })),
          },
        ],
      },
    });
    call = fakeZendeskClient(zendesk.url);
  });
  after(() => zendesk.close());

  it("makes the first comment the ticket's description", async () => {
    const ticket = await call("/api/v2/tickets/1.json");
    const comments = await call("/api/v2/tickets/1/comments.json");
    assert.equal(ticket.json.ticket.description, "I cannot log in since Monday.");
    assert.equal(comments.json.comments[0].plain_body, ticket.json.ticket.description);
    assert.equal(comments.json.comments[0].type, "Comment");
  });

  it("pages comments by cursor (oldest first, or -created_at) and by offset, each once", async () => {
    const ascending = await walkCursor(call, "/api/v2/tickets/1/comments.json?page[size]=10", "comments");
    const descending = await walkCursor(
      call,
      "/api/v2/tickets/1/comments.json?page[size]=10&sort=-created_at",
      "comments",
    );
    const offset = await walkOffset(call, "/api/v2/tickets/1/comments.json?per_page=10", "comments");
    assert.equal(ascending.ids.length, 25);
    assert.equal(new Set(ascending.ids).size, 25);
    assert.deepEqual(descending.ids, [...ascending.ids].reverse());
    assert.deepEqual(offset.ids, ascending.ids);
  });

  it("carries the public flag: internal notes are public=false", async () => {
    const { json } = await call("/api/v2/tickets/1/comments.json");
    const flags = json.comments.map((c: { public: boolean }) => c.public);
    assert.equal(flags.filter((p: boolean) => !p).length, 5);
    assert.equal(flags[4], false);
  });

  it("answers 404 for the comments of an unknown ticket", async () => {
    assert.equal((await call("/api/v2/tickets/77/comments.json")).status, 404);
  });
});
