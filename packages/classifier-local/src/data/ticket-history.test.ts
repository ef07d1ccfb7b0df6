import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createInMemoryTicketSystem, type TicketSystem } from "@otai/core";
import { readTicketHistory, ticketExample } from "./ticket-history.ts";

const tickets = Array.from({ length: 250 }, (_, i) => ({
  id: String(i + 1),
  subject: i === 7 ? "" : `Subject ${i}`,
  body: i === 7 ? " " : `Body ${i}`,
  queue: { name: i % 2 ? "IT" : "Billing" },
  priority: { name: "low" },
  status: i < 210 ? (i % 2 ? "closed" : "solved") : "open",
  tags: ["otai-routed", `t${i % 3}`],
}));

describe("readTicketHistory", () => {
  it("pages through solved and closed tickets only, skipping and counting those without text", async () => {
    const system = createInMemoryTicketSystem(tickets);
    const finds: unknown[] = [];
    const spy: TicketSystem = {
      ...system,
      find: (criteria) => {
        finds.push(criteria);
        return system.find(criteria);
      },
    };
    const history = await readTicketHistory(spy);
    assert.equal(history.tickets, 210);
    assert.equal(history.examples.length, 209);
    assert.deepEqual(history.skipped, { empty_text: 1, no_label: 0 });
    // Every ticket is "low": a priority head would predict it always, with confidence 1.
    assert.deepEqual(history.heads, ["queue"]);
    assert.deepEqual(history.constantHeads, [{ head: "priority", label: "low" }]);
    assert.equal(finds.length, 3, "pages of 100, 100 and 10");
    assert.deepEqual(finds[0], { status: ["solved", "closed"], limit: 100, offset: 0 });
    assert.ok(history.examples.every((example) => !example.tags?.some((tag) => tag.startsWith("otai-"))));
    assert.deepEqual(history.examples[0], {
      text: "Subject 0 Body 0",
      labels: { queue: "Billing", priority: "low" },
      tags: ["t0"],
      line: 1,
      id: "1",
    });
  });

  it("stops at the limit, asking for no more than it needs", async () => {
    const history = await readTicketHistory(createInMemoryTicketSystem(tickets), { limit: 120 });
    assert.equal(history.tickets, 120);
  });

  it("refuses a help desk that repeats a cursor instead of paging forever", async () => {
    const looping = {
      ...createInMemoryTicketSystem([]),
      find: async () => ({ tickets: [{ ...tickets[0], tags: [], notes: [], custom_fields: {} }], next_cursor: "same" }),
    } as unknown as TicketSystem;
    await assert.rejects(readTicketHistory(looping), /returned cursor "same" twice/);
  });
});

describe("ticketExample", () => {
  it("takes the type as a head when set", () => {
    const example = ticketExample({
      id: "1",
      subject: "S",
      body: "",
      type: "incident",
      tags: ["a", "a", "otai-review"],
      custom_fields: {},
      notes: [],
    });
    assert.deepEqual(example, { text: "S", labels: { type: "incident" }, tags: ["a"] });
  });
});
