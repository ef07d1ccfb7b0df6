import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { zendeskBasicAuth } from "./auth.ts";
import { type FakeZendesk, startFakeZendesk } from "./fake-zendesk.ts";
import { loadZendeskOpenApi } from "./spec.ts";

const NOW = Date.parse("2025-06-10T12:00:00Z");

describe("fake Zendesk: requests of a plain fetch client validate against Zendesk's OpenAPI spec", () => {
  let zendesk: FakeZendesk;
  const auth = zendeskBasicAuth("agent@example.test", "fake-api-token");
  /** What an adapter does: plain fetch, `.json` paths, JSON bodies. */
  const send = async (pathOrUrl: string, method = "GET", body?: unknown) => {
    const init: RequestInit = { method, headers: { Authorization: auth, Accept: "application/json" } };
    if (body !== undefined) {
      init.headers = { ...init.headers, "Content-Type": "application/json" };
      init.body = JSON.stringify(body);
    }
    const response = await fetch(pathOrUrl.startsWith("http") ? pathOrUrl : `${zendesk.url}${pathOrUrl}`, init);
    return { status: response.status, json: await response.json() };
  };

  before(async () => {
    zendesk = await startFakeZendesk({
      now: () => NOW,
      openApi: loadZendeskOpenApi(),
      seed: {
        groups: [{ id: 10, name: "Billing" }],
        ticketFields: [
          { id: 500, type: "tagger", title: "Category", custom_field_options: [{ name: "Billing", value: "billing" }] },
        ],
        views: [{ id: 7, title: "New", conditions: { all: [{ field: "status", operator: "is", value: "new" }] } }],
        tickets: Array.from({ length: 150 }, (_, i) => ({ subject: `T${i}`, updated_at: "2025-06-01T00:00:00Z" })),
      },
    });
  });
  after(() => zendesk.close());

  it("validates a whole routing run: reads, search, export, incremental, update, bulk update, job poll", async () => {
    const statuses: number[] = [];
    const track = async (pathOrUrl: string, method?: string, body?: unknown) => {
      const result = await send(pathOrUrl, method, body);
      statuses.push(result.status);
      return result.json;
    };
    await track("/api/v2/users/me.json");
    await track("/api/v2/groups.json?page[size]=100");
    await track("/api/v2/ticket_fields.json");
    const first = (await track("/api/v2/tickets.json?page[size]=100")) as { links: { next: string } };
    await track(first.links.next);
    await track("/api/v2/tickets/show_many.json?ids=1,2");
    await track("/api/v2/tickets/1/comments.json?page[size]=100");
    await track(
      `/api/v2/search.json?query=${encodeURIComponent("type:ticket status<solved")}&sort_by=created_at&sort_order=asc`,
    );
    await track(
      `/api/v2/search/export.json?query=${encodeURIComponent("status:new")}&filter[type]=ticket&page[size]=100`,
    );
    await track(`/api/v2/incremental/tickets/cursor.json?start_time=${Math.floor(NOW / 1000) - 86_400}`);
    await track("/api/v2/views/7/tickets.json?sort_by=id&sort_order=asc");
    const { ticket } = (await track("/api/v2/tickets/1.json")) as { ticket: { updated_at: string } };
    await track("/api/v2/tickets/1.json", "PUT", {
      ticket: {
        group_id: 10,
        priority: "high",
        custom_fields: [{ id: 500, value: "billing" }],
        additional_tags: ["ai_triaged"],
        comment: { body: "AI: billing (0.91)", public: false },
        safe_update: true,
        updated_stamp: ticket.updated_at,
      },
    });
    const job = (await track("/api/v2/tickets/update_many.json?ids=2,3", "PUT", { ticket: { status: "open" } })) as {
      job_status: { url: string };
    };
    await track(job.job_status.url);

    assert.ok(
      statuses.every((status) => status === 200),
      statuses.join(),
    );
    assert.deepEqual(
      zendesk.invalidRequests().map((r) => [r.method, r.path, r.validation?.errors]),
      [],
    );
    const operations = zendesk.requests.map((r) => r.validation?.operationId);
    assert.deepEqual(operations, [
      "ShowCurrentUser",
      "ListGroups",
      "ListTicketFields",
      "ListTickets",
      "ListTickets",
      "TicketsShowMany",
      "ListTicketComments",
      "ListSearchResults",
      "ExportSearchResults",
      "IncrementalTicketExportCursor",
      "ListTicketsFromView",
      "ShowTicket",
      "UpdateTicket",
      "TicketsUpdateMany",
      "ShowJobStatus",
    ]);
  });

  it("answers with bodies that match the spec's response schemas, except audit values the spec types too narrowly", () => {
    // The spec types an audit event's `value` as string or integer; a tags change carries the list
    // of tags (and a cleared field null), so those are the only differences allowed here.
    const narrow = /^response\/audit\/events\/\d+\/value /;
    const drift = zendesk.requests.flatMap((r) =>
      (r.responseValidation?.errors ?? []).filter((e) => !narrow.test(e)).map((e) => `${r.method} ${r.path}: ${e}`),
    );
    assert.ok(zendesk.requests.length >= 15);
    assert.ok(zendesk.requests.every((r) => r.responseValidation !== undefined));
    assert.deepEqual(drift, []);
  });

  it("flags requests the spec does not allow, while still answering them like Zendesk", async () => {
    zendesk.clearRequests();
    const bad = await send("/api/v2/tickets/1.json", "PUT", { ticket: { priority: "super" } });
    const unknown = await send("/api/v2/ticket_routes.json");
    assert.equal(bad.status, 422);
    assert.equal(unknown.status, 404);
    const [priority, route] = zendesk.invalidRequests();
    assert.match(priority?.validation?.errors.join() ?? "", /priority must be equal to one of the allowed values/);
    assert.match(route?.validation?.errors.join() ?? "", /no operation in the spec/);
  });
});
