import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isOtaiError } from "@otai/core";
import { toUnifiedTicket, toZendeskComment, toZendeskUpdate, type ZendeskDirectory } from "./mapping.ts";

const directory: ZendeskDirectory = {
  groups: [
    { id: 11, name: "Billing" },
    { id: 12, name: "IT Support" },
    { id: 13, name: "Old", deleted: true },
  ],
  fields: [
    { id: 501, type: "tagger", title: "Product", custom_field_options: [{ name: "Mobile App", value: "mobile_app" }] },
    { id: 502, type: "text", title: "Order number" },
    {
      id: 503,
      type: "multiselect",
      title: "Areas",
      custom_field_options: [
        { name: "A", value: "a" },
        { name: "B", value: "b" },
      ],
    },
  ],
  users: new Map([[7, { id: 7, name: "Dana", email: "dana@example.org" }]]),
};

const isInvalid = (error: unknown) => isOtaiError(error, "OTAI_HELPDESK_INVALID");

describe("Zendesk → unified ticket", () => {
  it("maps group to queue, the description to the body, and keeps custom fields by id", () => {
    const ticket = toUnifiedTicket(
      {
        id: 35436,
        subject: "Help",
        description: "First message",
        priority: "high",
        type: "incident",
        status: "open",
        tags: ["vip"],
        group_id: 12,
        requester_id: 7,
        custom_fields: [{ id: 501, value: "mobile_app" }],
        created_at: "2026-01-01T00:00:00Z",
        updated_at: "2026-01-02T00:00:00Z",
      },
      directory,
    );
    assert.equal(ticket.id, "35436");
    assert.equal(ticket.body, "First message");
    assert.deepEqual(ticket.queue, { id: "12", name: "IT Support" });
    assert.deepEqual(ticket.priority, { name: "high" });
    assert.deepEqual(ticket.requester, { id: "7", name: "Dana", email: "dana@example.org" });
    assert.deepEqual(ticket.custom_fields, { "501": "mobile_app" });
    assert.equal(ticket.updated_at, "2026-01-02T00:00:00Z");
  });

  it("leaves out what the ticket does not have", () => {
    const ticket = toUnifiedTicket({ id: 1, status: "new", group_id: null, priority: null }, directory);
    assert.equal(ticket.queue, undefined);
    assert.equal(ticket.priority, undefined);
    assert.equal(ticket.subject, "");
  });
});

describe("unified update → Zendesk", () => {
  it("resolves names to ids and option values, adds and removes tags without replacing, and uses safe_update", () => {
    assert.deepEqual(
      toZendeskUpdate(
        {
          queue: { name: "billing" },
          priority: { name: "Urgent" },
          type: "question",
          add_tags: ["otai"],
          remove_tags: ["triage"],
          custom_fields: { Product: "Mobile App", "502": "A-1", Areas: ["a", "B"] },
        },
        directory,
        { expectedVersion: "2026-01-02T00:00:00Z" },
      ),
      {
        group_id: 11,
        priority: "urgent",
        type: "question",
        additional_tags: ["otai"],
        remove_tags: ["triage"],
        // Integer-like keys come first in a JS object, so field 502 (given by id) leads.
        custom_fields: [
          { id: 502, value: "A-1" },
          { id: 501, value: "mobile_app" },
          { id: 503, value: ["a", "b"] },
        ],
        safe_update: true,
        updated_stamp: "2026-01-02T00:00:00Z",
      },
    );
  });

  it("refuses values Zendesk would drop or reject, naming what exists", () => {
    assert.throws(
      () => toZendeskUpdate({ queue: { name: "Sales" } }, directory),
      (e: Error) => isInvalid(e) && /groups: Billing, IT Support$/.test(e.message),
    );
    assert.throws(() => toZendeskUpdate({ queue: { name: "Old" } }, directory), isInvalid);
    assert.throws(() => toZendeskUpdate({ priority: { name: "critical" } }, directory), isInvalid);
    assert.throws(() => toZendeskUpdate({ status: "archived" }, directory), isInvalid);
    assert.throws(
      () => toZendeskUpdate({ custom_fields: { Product: "Desktop" } }, directory),
      (e: Error) => isInvalid(e) && /options: mobile_app/.test(e.message),
    );
    assert.throws(() => toZendeskUpdate({ custom_fields: { Nope: 1 } }, directory), isInvalid);
  });

  it("writes a note as one comment whose visibility is always explicit", () => {
    assert.deepEqual(toZendeskComment({ subject: "", body: "Routed", content_type: "text/plain" }, true), {
      body: "Routed",
      public: false,
    });
    assert.deepEqual(toZendeskComment({ subject: "AI", body: "<b>x</b>", content_type: "text/html" }, false), {
      html_body: "<p><strong>AI</strong></p><b>x</b>",
      public: true,
    });
  });
});
