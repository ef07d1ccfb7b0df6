import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type FakeZendesk, startFakeZendesk } from "./fake-zendesk.ts";
import { fakeZendeskClient } from "./test-client.ts";

const NOW = Date.parse("2025-06-10T12:00:00Z");
const CATEGORY = 500;

describe("fake Zendesk: update ticket", () => {
  let zendesk: FakeZendesk;
  let call: ReturnType<typeof fakeZendeskClient>;
  const put = (id: number, ticket: Record<string, unknown>) =>
    call(`/api/v2/tickets/${id}.json`, { method: "PUT", body: { ticket } });

  before(async () => {
    zendesk = await startFakeZendesk({
      now: () => NOW,
      seed: {
        groups: [
          { id: 10, name: "Billing" },
          { id: 20, name: "Tech" },
        ],
        ticketFields: [
          {
            id: CATEGORY,
            type: "tagger",
            title: "Category",
            custom_field_options: [
              { name: "Billing", value: "cat_billing" },
              { name: "Technical", value: "cat_technical" },
            ],
          },
        ],
      },
    });
    call = fakeZendeskClient(zendesk.url);
  });
  after(() => zendesk.close());

  /** Each test works on its own ticket, so their order does not matter. */
  let nextId = 1;
  function freshTicket(extra: Record<string, unknown> = {}): number {
    const id = nextId++;
    zendesk.seed({
      tickets: [
        {
          id,
          subject: "Invoice wrong",
          status: "open",
          updated_at: "2025-06-10T11:00:00Z",
          tags: ["needs_triage", "email"],
          custom_fields: [{ id: CATEGORY, value: null }],
          ...extra,
        },
      ],
    });
    return id;
  }

  it("applies group, priority, type, status, tag edits, custom fields and an internal note, answering {ticket, audit}", async () => {
    const id = freshTicket();
    const { status, json } = await put(id, {
      group_id: 10,
      priority: "high",
      type: "incident",
      status: "pending",
      additional_tags: ["ai_triaged"],
      remove_tags: ["needs_triage"],
      custom_fields: [{ id: CATEGORY, value: "cat_billing" }],
      comment: { body: "AI: billing, 0.93", public: false },
    });
    assert.equal(status, 200);
    assert.equal(json.ticket.group_id, 10);
    assert.equal(json.ticket.priority, "high");
    assert.equal(json.ticket.type, "incident");
    assert.equal(json.ticket.status, "pending");
    assert.deepEqual(json.ticket.tags, ["email", "ai_triaged", "cat_billing"]);
    assert.deepEqual(json.ticket.custom_fields, [{ id: CATEGORY, value: "cat_billing" }]);
    const types = json.audit.events.map((e: { type: string; field_name?: string }) => e.field_name ?? e.type);
    assert.deepEqual(types, ["Comment", "priority", "type", "status", "group_id", String(CATEGORY), "tags"]);
    const note = zendesk.comments(id).at(-1);
    assert.equal(note?.body, "AI: billing, 0.93");
    assert.equal(note?.public, false);
    assert.equal(zendesk.audits(id).length, 1);
  });

  it("replaces all tags with tags", async () => {
    const id = freshTicket();
    const { json } = await put(id, { tags: ["one", "two"] });
    assert.deepEqual(json.ticket.tags, ["one", "two"]);
  });

  it("bumps updated_at strictly on every change, even within one second", async () => {
    const id = freshTicket();
    const stamps: number[] = [];
    for (const priority of ["low", "normal", "high"]) {
      const { json } = await put(id, { priority });
      stamps.push(Date.parse(json.ticket.updated_at));
    }
    assert.ok(stamps[0] !== undefined && stamps[0] > Date.parse("2025-06-10T11:00:00Z"));
    assert.ok(
      stamps.every((s, i) => i === 0 || s > (stamps[i - 1] ?? Number.POSITIVE_INFINITY)),
      stamps.join(),
    );
  });

  it("answers 409 UpdateConflict for a stale updated_stamp under safe_update, and changes nothing", async () => {
    const id = freshTicket();
    const read = zendesk.ticket(id)?.updated_at;
    zendesk.editTicket(id, { priority: "urgent" }); // an agent got there first
    const { status, json } = await put(id, { priority: "low", safe_update: true, updated_stamp: read });
    assert.equal(status, 409);
    assert.deepEqual(json, {
      error: "UpdateConflict",
      description:
        "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.",
    });
    assert.equal(zendesk.ticket(id)?.priority, "urgent");
  });

  it("accepts the current updated_stamp, treats safe_update:false as safe, and ignores a stale stamp without safe_update", async () => {
    const id = freshTicket();
    const current = zendesk.ticket(id)?.updated_at;
    const fresh = await put(id, { priority: "low", safe_update: true, updated_stamp: current });
    assert.equal(fresh.status, 200);
    const falseFlag = await put(id, { priority: "high", safe_update: false, updated_stamp: current });
    assert.equal(falseFlag.status, 409, "the spec: a value of false has the same effect as true");
    const forced = await put(id, { priority: "high", updated_stamp: current });
    assert.equal(forced.status, 200);
  });

  it("drops an invalid drop-down value silently (200, field unchanged), or refuses it with the reject quirk", async () => {
    const id = freshTicket({ custom_fields: [{ id: CATEGORY, value: "cat_technical" }], tags: ["cat_technical"] });
    const dropped = await put(id, { custom_fields: [{ id: CATEGORY, value: "Billing" }] });
    assert.equal(dropped.status, 200);
    assert.deepEqual(dropped.json.ticket.custom_fields, [{ id: CATEGORY, value: "cat_technical" }]);
    assert.equal(zendesk.audits(id).length, 0, "nothing changed, so no audit");
    zendesk.setQuirks({ invalidDropdownValue: "reject" });
    const refused = await put(id, { custom_fields: [{ id: CATEGORY, value: "Billing" }] });
    zendesk.setQuirks({ invalidDropdownValue: "drop" });
    assert.equal(refused.status, 422);
    assert.equal(refused.json.error, "RecordInvalid");
  });

  it("ignores unknown attributes and unknown custom field ids with 200", async () => {
    const id = freshTicket();
    const { status, json } = await put(id, {
      no_such_attribute: 1,
      custom_fields: [{ id: 999999, value: "x" }],
      priority: "low",
    });
    assert.equal(status, 200);
    assert.equal(json.ticket.priority, "low");
    assert.equal("no_such_attribute" in json.ticket, false);
  });

  it("refuses to update a closed ticket with 422 RecordInvalid and details", async () => {
    const id = freshTicket({ status: "closed" });
    const { status, json } = await put(id, { priority: "low" });
    assert.equal(status, 422);
    assert.equal(json.error, "RecordInvalid");
    assert.equal(json.description, "Record validation errors");
    assert.match(json.details.status[0].description, /closed/);
  });

  it("refuses an invalid priority, status, type or unknown group with 422 naming the field", async () => {
    const id = freshTicket();
    for (const [field, value] of [
      ["priority", "super"],
      ["status", "done"],
      ["type", "bug"],
      ["group_id", 4242],
    ] as const) {
      const { status, json } = await put(id, { [field]: value });
      assert.equal(status, 422, field);
      assert.ok(json.details[field], JSON.stringify(json));
    }
    assert.equal(zendesk.ticket(id)?.priority, null);
  });

  it("keeps the ticket's first public flag for a comment that does not say, and takes html_body", async () => {
    const id = freshTicket({ comments: [{ body: "Internal start", public: false }] });
    await put(id, { comment: { body: "no flag given" } });
    await put(id, { comment: { html_body: "<p>Hello <b>there</b></p>", public: true } });
    const [, noFlag, html] = zendesk.comments(id);
    assert.equal(noFlag?.public, false);
    assert.equal(html?.plain_body, "Hello there");
    assert.equal(html?.public, true);
  });

  it("answers 404 for an unknown ticket, 400 without a ticket object, 400 for bad JSON, 415 without JSON content type", async () => {
    assert.equal((await put(424242, { priority: "low" })).status, 404);
    const id = freshTicket();
    assert.equal((await call(`/api/v2/tickets/${id}.json`, { method: "PUT", body: { priority: "low" } })).status, 400);
    assert.equal((await call(`/api/v2/tickets/${id}.json`, { method: "PUT", body: "{not json" })).status, 400);
    const form = await call(`/api/v2/tickets/${id}.json`, {
      method: "PUT",
      body: JSON.stringify({ ticket: { priority: "low" } }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    assert.equal(form.status, 415);
  });
});
