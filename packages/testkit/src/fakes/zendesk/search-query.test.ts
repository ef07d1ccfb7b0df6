import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchesQuery, parseSearchQuery } from "./search-query.ts";
import type { ZendeskGroup, ZendeskTicket } from "./types.ts";

const NOW = Date.parse("2025-06-10T12:00:00Z");
const groups: ZendeskGroup[] = [
  {
    id: 5,
    name: "Tier 1",
    description: "",
    default: false,
    deleted: false,
    is_public: true,
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-01-01T00:00:00Z",
  },
  {
    id: 6,
    name: "Support",
    description: "",
    default: false,
    deleted: false,
    is_public: true,
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-01-01T00:00:00Z",
  },
];
const context = {
  now: NOW,
  groupByName: (name: string) => groups.find((g) => g.name.toLowerCase() === name.toLowerCase()),
};

function ticket(overrides: Partial<ZendeskTicket>): ZendeskTicket {
  return {
    id: 1,
    external_id: null,
    created_at: "2025-06-01T08:00:00Z",
    updated_at: "2025-06-10T11:00:00Z",
    type: "question",
    subject: "Printer is on fire",
    raw_subject: "Printer is on fire",
    description: "Smoke everywhere, please help",
    priority: "high",
    status: "open",
    recipient: null,
    requester_id: 9,
    submitter_id: 9,
    assignee_id: null,
    organization_id: null,
    group_id: 5,
    brand_id: null,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: ["hardware", "vip"],
    custom_fields: [{ id: 77, value: "billing" }],
    ticket_form_id: null,
    via: { channel: "web", source: {} },
    ...overrides,
  };
}

const matches = (query: string, t = ticket({})) => matchesQuery(t, parseSearchQuery(query), context);

describe("fake Zendesk search query language", () => {
  it("reads type, keywords with operators, quoted values, negation and in-query ordering", () => {
    const parsed = parseSearchQuery('type:ticket status<solved group:"Tier 1" -tags:spam order_by:updated_at sort:asc');
    assert.equal(parsed.type, "ticket");
    assert.equal(parsed.orderBy, "updated_at");
    assert.equal(parsed.sort, "asc");
    assert.deepEqual(parsed.terms, [
      { kind: "field", negate: false, key: "status", op: "<", value: "solved" },
      { kind: "field", negate: false, key: "group", op: ":", value: "Tier 1" },
      { kind: "field", negate: true, key: "tags", op: ":", value: "spam" },
    ]);
  });

  it("compares statuses in Zendesk's order new<open<pending<hold<solved<closed", () => {
    assert.equal(matches("status:open"), true);
    assert.equal(matches("status<solved"), true);
    assert.equal(matches("status<open"), false);
    assert.equal(matches("status<=open"), true);
    assert.equal(matches("status>new"), true);
    assert.equal(matches("status>=pending"), false);
    assert.equal(matches("status>open", ticket({ status: "hold" })), true);
  });

  it("matches any of several values of one key, and all of different keys", () => {
    assert.equal(matches("status:new status:open"), true);
    assert.equal(matches("status:new status:pending"), false);
    assert.equal(matches("status:open tags:none_such"), false);
  });

  it("finds groups by quoted name, bare name, id, or none", () => {
    assert.equal(matches('group:"Tier 1"'), true);
    assert.equal(matches("group:Tier"), false, "a bare name is the whole name");
    assert.equal(matches("group:Support", ticket({ group_id: 6 })), true);
    assert.equal(matches("group_id:5"), true);
    assert.equal(matches("group_id:6"), false);
    assert.equal(matches("group:none", ticket({ group_id: null })), true);
  });

  it("matches tags, priority order, ticket_type, custom fields and negation", () => {
    assert.equal(matches("tags:vip"), true);
    assert.equal(matches("tags:hard*"), true);
    assert.equal(matches("-tags:vip"), false);
    assert.equal(matches("priority>=high"), true);
    assert.equal(matches("priority>high"), false);
    assert.equal(matches("ticket_type:question"), true);
    assert.equal(matches("custom_field_77:billing"), true);
    assert.equal(matches("custom_field_77:technical"), false);
  });

  it("compares dates: a date means the whole day, a date-time the instant, 24hours a span before now", () => {
    assert.equal(matches("created>2025-05-31"), true);
    assert.equal(matches("created>2025-06-01"), false, "created during that day is not after it");
    assert.equal(matches("created>=2025-06-01"), true);
    assert.equal(matches("created:2025-06-01"), true);
    assert.equal(matches("created<2025-06-01"), false);
    assert.equal(matches("updated>2025-06-10T10:59:59Z"), true);
    assert.equal(matches("updated>=2025-06-10T11:00:00Z"), true);
    assert.equal(matches("updated>2025-06-10T11:00:00Z"), false);
    assert.equal(matches("updated>2hours"), true);
    assert.equal(matches("updated>30minutes"), false);
    assert.equal(matches("updated<30minutes"), true);
  });

  it("searches free text in subject and description, and no other types", () => {
    assert.equal(matches("printer"), true);
    assert.equal(matches('"on fire"'), true);
    assert.equal(matches("smoke -printer"), false);
    assert.equal(matches("type:user"), false);
  });
});
