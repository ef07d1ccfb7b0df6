import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pino from "pino";
import { type TicketSearchCriteriaInput, TicketSearchCriteriaSchema } from "../contracts/ticket.ts";
import { isOtaiError } from "../errors.ts";
import { createSecretRegistry } from "../logging/secrets.ts";
import { nextTimestamp } from "./_stored-ticket-system.ts";
import { createInMemoryTicketSystem, type UnifiedTicketInput } from "./in-memory.ts";
import { InMemoryTicketSystemService } from "./services.ts";

const seed = (): UnifiedTicketInput[] => [
  {
    id: 1,
    subject: "Login fails",
    queue: { id: "1", name: "Support" },
    priority: { id: "3", name: "high" },
    type: "incident",
    status: "new",
    tags: ["login", "account"],
    custom_fields: { plan: "pro", seats: 5 },
    updated_at: "2025-03-01T10:00:00.000Z",
  },
  {
    id: "2",
    subject: "Rechnung falsch",
    queue: { id: "2", name: "Billing" },
    priority: { id: "2", name: "normal" },
    type: "question",
    status: "open",
    updated_at: "2025-03-02T10:00:00.000Z",
  },
  { id: "3", subject: "VPN", queue: { id: "3", name: "IT" }, status: "open", updated_at: "2025-03-03T10:00:00.000Z" },
  { id: "4", subject: "No version", queue: { id: "1", name: "Support" }, status: "closed" },
];

const criteria = (input: TicketSearchCriteriaInput) => TicketSearchCriteriaSchema.parse(input);
const code = (expected: string, message?: RegExp) => (error: unknown) =>
  isOtaiError(error) && error.code === expected && (message === undefined || message.test(error.message));

describe("createInMemoryTicketSystem: seeding", () => {
  it("parses the seed, turning numeric ids into strings and filling defaults", async () => {
    const system = createInMemoryTicketSystem(seed());
    const ticket = await system.get("1");
    assert.equal(ticket?.id, "1");
    assert.deepEqual((await system.get("2"))?.tags, []);
    assert.deepEqual((await system.get("2"))?.notes, []);
  });

  it("keeps its own copy of the seed", async () => {
    const tickets = seed();
    const system = createInMemoryTicketSystem(tickets);
    tickets[0]?.tags?.push("late");
    assert.deepEqual((await system.get("1"))?.tags, ["login", "account"]);
  });

  it("rejects a seed ticket that does not parse, or a repeated id", () => {
    assert.throws(
      () => createInMemoryTicketSystem([{ subject: "no id" } as never]),
      code("OTAI_TICKET_INVALID", /seed ticket 1/),
    );
    assert.throws(
      () => createInMemoryTicketSystem([{ id: "7" }, { id: 7 }]),
      code("OTAI_TICKET_INVALID", /seed ticket 2: ticket id 7 is already used at seed ticket 1/),
    );
  });

  it("all() returns deep copies in seed order", () => {
    const system = createInMemoryTicketSystem(seed());
    const all = system.all();
    assert.deepEqual(
      all.map((t) => t.id),
      ["1", "2", "3", "4"],
    );
    all[0]?.tags.push("mutated");
    assert.deepEqual(system.all()[0]?.tags, ["login", "account"]);
  });
});

describe("createInMemoryTicketSystem: find", () => {
  it("keeps seed order and applies offset and limit after filtering", async () => {
    const system = createInMemoryTicketSystem(seed());
    const page = await system.find(criteria({ status: "open", limit: 1, offset: 1 }));
    assert.deepEqual(
      page.tickets.map((t) => t.id),
      ["3"],
    );
    assert.equal(page.next_cursor, undefined);
  });

  it("lets a cursor override offset", async () => {
    const system = createInMemoryTicketSystem(seed());
    const first = await system.find(criteria({ limit: 2 }));
    assert.ok(first.next_cursor);
    const second = await system.find(criteria({ limit: 2, offset: 0, cursor: first.next_cursor }));
    assert.deepEqual(
      second.tickets.map((t) => t.id),
      ["3", "4"],
    );
  });

  it("rejects a cursor it did not issue", async () => {
    const system = createInMemoryTicketSystem(seed());
    await assert.rejects(system.find(criteria({ cursor: "not-a-cursor" })), code("OTAI_HELPDESK_INVALID", /cursor/));
  });

  it("treats an empty status list as no status filter", async () => {
    const system = createInMemoryTicketSystem(seed());
    assert.equal((await system.find(criteria({ status: [] }))).tickets.length, 4);
  });

  it("matches updated_since inclusively and skips tickets without updated_at", async () => {
    const system = createInMemoryTicketSystem(seed());
    const page = await system.find(criteria({ updated_since: "2025-03-02T10:00:00.000Z" }));
    assert.deepEqual(
      page.tickets.map((t) => t.id),
      ["2", "3"],
    );
    const offset = await system.find(criteria({ updated_since: "2025-03-02T11:30:00+02:00" }));
    assert.deepEqual(
      offset.tickets.map((t) => t.id),
      ["2", "3"],
      "compares instants, not text",
    );
  });

  it("rejects criteria that do not fit the schema", async () => {
    const system = createInMemoryTicketSystem(seed());
    await assert.rejects(
      system.find({ ...criteria({}), shelf: "A" } as never),
      code("OTAI_HELPDESK_INVALID", /search criteria/),
    );
  });
});

describe("createInMemoryTicketSystem: update", () => {
  it("sets subject, type and status, and queue and priority as the given entity", async () => {
    const system = createInMemoryTicketSystem(seed());
    const ok = await system.update("1", {
      subject: "Login still fails",
      type: "problem",
      status: "open",
      queue: { name: "IT" },
      priority: { id: "2" },
    });
    assert.equal(ok, true);
    const ticket = await system.get("1");
    assert.equal(ticket?.subject, "Login still fails");
    assert.equal(ticket?.type, "problem");
    assert.equal(ticket?.status, "open");
    assert.deepEqual(ticket?.queue, { name: "IT" });
    assert.deepEqual(ticket?.priority, { id: "2" });
  });

  it("replaces tags without duplicates, then adds and removes", async () => {
    const system = createInMemoryTicketSystem(seed());
    await system.update("1", { tags: ["a", "b", "a"] });
    assert.deepEqual((await system.get("1"))?.tags, ["a", "b"]);
    await system.update("1", { add_tags: ["b", "c"], remove_tags: ["a", "missing"] });
    assert.deepEqual((await system.get("1"))?.tags, ["b", "c"]);
  });

  it("merges custom_fields key by key", async () => {
    const system = createInMemoryTicketSystem(seed());
    await system.update("1", { custom_fields: { seats: 8, region: "EU" } });
    assert.deepEqual((await system.get("1"))?.custom_fields, { plan: "pro", seats: 8, region: "EU" });
  });

  it("sets updated_at strictly later on every write, also after a clock step back", async () => {
    const system = createInMemoryTicketSystem([{ id: "1", updated_at: "2999-01-01T00:00:00.000Z" }]);
    await system.update("1", { subject: "a" });
    await system.update("1", { subject: "b" });
    assert.equal((await system.get("1"))?.updated_at, "2999-01-01T00:00:00.002Z");
    assert.equal(nextTimestamp(null) <= new Date().toISOString(), true);
  });

  it("returns false for an unknown id, even with changes it would reject", async () => {
    const system = createInMemoryTicketSystem(seed(), { queues: [{ name: "Support" }] });
    assert.equal(await system.update("404", { queue: { name: "Nowhere" } }), false);
    assert.equal(system.writes, 0);
  });

  it("writes when expectedVersion matches and throws OTAI_HELPDESK_CONFLICT when it does not", async () => {
    const system = createInMemoryTicketSystem(seed());
    assert.equal(await system.update("1", { subject: "x" }, { expectedVersion: "2025-03-01T10:00:00.000Z" }), true);
    await assert.rejects(
      system.update("1", { subject: "y" }, { expectedVersion: "2025-03-01T10:00:00.000Z" }),
      code("OTAI_HELPDESK_CONFLICT", /ticket 1 changed since version 2025-03-01T10:00:00.000Z/),
    );
    assert.equal((await system.get("1"))?.subject, "x");
  });

  it("rejects an update with an unknown key", async () => {
    const system = createInMemoryTicketSystem(seed());
    await assert.rejects(system.update("1", { colour: "red" } as never), code("OTAI_HELPDESK_INVALID", /colour/));
  });

  it("adds update.notes as internal notes by default", async () => {
    const system = createInMemoryTicketSystem(seed());
    await system.update("1", { notes: [{ subject: "s", body: "b", content_type: "text/plain", internal: true }] });
    const note = (await system.get("1"))?.notes[0];
    assert.equal(note?.body, "b");
    assert.equal(note?.internal, true);
    assert.equal(note?.created_at, (await system.get("1"))?.updated_at);
  });
});

describe("createInMemoryTicketSystem: validation against the help desk's options", () => {
  const configured = () =>
    createInMemoryTicketSystem(seed(), {
      queues: [
        { id: "1", name: "Support" },
        { id: "2", name: "Billing" },
      ],
      priorities: [{ id: "2", name: "normal" }],
      types: ["incident", "question"],
      statuses: ["new", "open"],
      fields: [{ id: "cf_plan", name: "plan", type: "dropdown", options: ["free", "pro"] }],
    });

  it("accepts known values by name or id", async () => {
    const system = configured();
    assert.equal(await system.update("1", { queue: { name: "Billing" }, priority: { id: "2" }, status: "open" }), true);
    assert.equal(await system.update("1", { custom_fields: { plan: "free", cf_plan: "pro" }, type: "question" }), true);
    assert.equal(system.writes, 2);
  });

  it("rejects an unknown queue, naming it and listing the queues", async () => {
    const system = configured();
    await assert.rejects(
      system.update("1", { queue: { name: "Sales" } }),
      code(
        "OTAI_HELPDESK_INVALID",
        /unknown queue "Sales"; the help desk's queues are "Support" \(id 1\), "Billing" \(id 2\)/,
      ),
    );
    await assert.rejects(
      system.update("1", { queue: { id: "9" } }),
      code("OTAI_HELPDESK_INVALID", /unknown queue id 9/),
    );
  });

  it("rejects unknown priorities, types, statuses and custom fields and leaves the ticket as it was", async () => {
    const system = configured();
    const before = await system.get("1");
    await assert.rejects(
      system.update("1", { priority: { name: "urgent" } }),
      code("OTAI_HELPDESK_INVALID", /"urgent".*"normal"/),
    );
    await assert.rejects(
      system.update("1", { type: "task" }),
      code("OTAI_HELPDESK_INVALID", /"task".*"incident", "question"/),
    );
    await assert.rejects(
      system.update("1", { status: "closed" }),
      code("OTAI_HELPDESK_INVALID", /"closed".*"new", "open"/),
    );
    await assert.rejects(
      system.update("1", { custom_fields: { colour: "red" } }),
      code("OTAI_HELPDESK_INVALID", /"colour".*"plan"/),
    );
    await assert.rejects(
      system.update("1", { custom_fields: { plan: "enterprise" } }),
      code("OTAI_HELPDESK_INVALID", /no option "enterprise"; it has "free", "pro"/),
    );
    assert.deepEqual(await system.get("1"), before);
    assert.equal(system.writes, 0);
  });

  it("accepts anything when no lists are configured, but never an empty entity", async () => {
    const system = createInMemoryTicketSystem(seed());
    assert.equal(await system.update("1", { queue: { name: "Brand new" }, status: "escalated", type: "x" }), true);
    assert.equal((await system.get("1"))?.status, "escalated");
    await assert.rejects(system.update("1", { queue: {} }), code("OTAI_HELPDESK_INVALID", /needs an id or a name/));
  });
});

describe("createInMemoryTicketSystem: addNote", () => {
  it("assigns an id and created_at, strips the charset and bumps updated_at", async () => {
    const system = createInMemoryTicketSystem(seed());
    assert.equal(await system.addNote("2", { body: "Hallo", content_type: "text/html; charset=utf-8" }), true);
    const ticket = await system.get("2");
    const note = ticket?.notes[0];
    assert.equal(typeof note?.id, "string");
    assert.equal(note?.content_type, "text/html");
    assert.equal(note?.internal, true);
    assert.equal(note?.created_at, ticket?.updated_at);
    assert.ok((ticket?.updated_at ?? "") > "2025-03-02T10:00:00.000Z");
  });

  it("lets options.internal override the note's own flag", async () => {
    const system = createInMemoryTicketSystem(seed());
    await system.addNote("2", { body: "public by note", internal: false });
    await system.addNote("2", { body: "internal by option", internal: false }, { internal: true });
    assert.deepEqual(
      (await system.get("2"))?.notes.map((n) => n.internal),
      [false, true],
    );
  });

  it("rejects a note that does not fit the schema and returns false for an unknown id", async () => {
    const system = createInMemoryTicketSystem(seed());
    await assert.rejects(system.addNote("2", { body: 5 } as never), code("OTAI_HELPDESK_INVALID", /body/));
    assert.equal(await system.addNote("404", { body: "x" }), false);
  });
});

describe("createInMemoryTicketSystem: options and call log", () => {
  it("derives queues, priorities, types and statuses from the tickets when none are configured", async () => {
    const options = await createInMemoryTicketSystem(seed()).options();
    assert.deepEqual(
      options.queues.map((q) => q.name),
      ["Support", "Billing", "IT"],
    );
    assert.deepEqual(
      options.priorities.map((p) => p.name),
      ["high", "normal"],
    );
    assert.deepEqual(options.types, ["incident", "question"]);
    assert.deepEqual(options.statuses, ["new", "open", "closed"]);
    assert.deepEqual(options.fields, []);
  });

  it("returns the configured lists as given", async () => {
    const options = await createInMemoryTicketSystem(seed(), {
      queues: [{ name: "Only" }],
      fields: [{ id: "f", name: "f", type: "text" }],
    }).options();
    assert.deepEqual(options.queues, [{ name: "Only" }]);
    assert.deepEqual(options.fields, [{ id: "f", name: "f", type: "text" }]);
    assert.deepEqual(options.statuses, ["new", "open", "closed"], "lists not configured are still derived");
  });

  it("logs every call with copies of its arguments and counts writes", async () => {
    const system = createInMemoryTicketSystem(seed());
    const changes = { tags: ["t"] };
    await system.get("1");
    await system.update("1", changes, { expectedVersion: "2025-03-01T10:00:00.000Z" });
    await system.addNote("404", { body: "lost" });
    changes.tags.push("later");
    assert.deepEqual(system.calls, [
      { method: "get", id: "1" },
      { method: "update", id: "1", changes: { tags: ["t"] }, options: { expectedVersion: "2025-03-01T10:00:00.000Z" } },
      { method: "addNote", id: "404", note: { body: "lost" } },
    ]);
    assert.equal(system.writes, 1);
  });
});

describe("InMemoryTicketSystemService", () => {
  const context = {
    id: "desk",
    logger: pino({ enabled: false }),
    services: {},
    baseDir: "/tmp",
    secrets: createSecretRegistry(),
  };

  it("defaults tickets to [] and creates a working system", async () => {
    const params = InMemoryTicketSystemService.params.parse({ queues: [{ name: "IT" }] });
    const system = await InMemoryTicketSystemService.create(params, context);
    assert.deepEqual((await system.find(criteria({}))).tickets, []);
    assert.deepEqual((await system.options()).queues, [{ name: "IT" }]);
  });

  it("validates seed tickets and rejects unknown params", () => {
    assert.equal(InMemoryTicketSystemService.params.safeParse({ tickets: [{ subject: "no id" }] }).success, false);
    assert.equal(InMemoryTicketSystemService.params.safeParse({ tickets: [], queue: [] }).success, false);
  });
});

describe("in-memory ticket system: entities resolved against the help desk's lists", () => {
  it("stores a queue set by name as the configured entity, so a search by its id finds the ticket", async () => {
    const system = createInMemoryTicketSystem([{ id: "1", subject: "s", queue: { id: "1", name: "Incoming" } }], {
      queues: [
        { id: "1", name: "Incoming" },
        { id: "2", name: "Billing" },
      ],
    });
    assert.equal(await system.update("1", { queue: { name: "Billing" } }), true);
    assert.deepEqual((await system.get("1"))?.queue, { id: "2", name: "Billing" });
    assert.equal((await system.find({ queue: { id: "2" }, limit: 10, offset: 0 })).tickets.length, 1);
  });
});

describe("in-memory ticket system: criteria it cannot serve", () => {
  it("refuses a view instead of ignoring it", async () => {
    const system = createInMemoryTicketSystem([{ id: "1", subject: "s" }]);
    await assert.rejects(system.find({ view: "123", limit: 10, offset: 0 }), (e: unknown) =>
      isOtaiError(e, "OTAI_HELPDESK_INVALID"),
    );
  });
});
