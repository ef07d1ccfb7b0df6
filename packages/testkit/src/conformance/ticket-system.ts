/**
 * @module conformance/ticket-system
 * The TicketSystem contract as tests. Every adapter (and every fake of a real help desk) runs this suite,
 * seeded with {@link seedTickets}, so pipes can rely on the same behaviour everywhere.
 *
 * The suite only assumes what the contract says: results are compared as sets unless the contract
 * promises an order, entities are compared with `entityMatches`, and versions only have to change,
 * not to take a particular form.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  entityMatches,
  type TicketSearchCriteria,
  type TicketSearchCriteriaInput,
  TicketSearchCriteriaSchema,
  type TicketSystem,
  type UnifiedEntity,
  type UnifiedNote,
  type UnifiedTicket,
  UnifiedTicketSchema,
} from "@otai/core";
import { seedTickets, type UnifiedTicketInput } from "../fixtures/tickets.ts";

export interface ConformanceSubject {
  system: TicketSystem;
  teardown?: () => Promise<void>;
}

/** Creates a fresh help desk holding exactly `seed`, with the seed's ids. Called once per test. */
export type ConformanceSetup = (seed: UnifiedTicketInput[]) => Promise<ConformanceSubject>;

/**
 * Registers a `describe` block that checks `setup`'s ticket system against the TicketSystem contract.
 *
 * @example
 * runTicketSystemConformance("in-memory", async (seed) => ({ system: createInMemoryTicketSystem(seed) }));
 */
/** What a help desk cannot store, so the suite checks the documented fallback instead. */
export interface ConformanceCapabilities {
  /** False where notes have no subject line (Zendesk comments): the subject is then folded into the body. */
  noteSubjects?: boolean;
}

export function runTicketSystemConformance(
  name: string,
  setup: ConformanceSetup,
  capabilities: ConformanceCapabilities = {},
): void {
  const noteSubjects = capabilities.noteSubjects ?? true;
  const assertNote = (note: UnifiedNote | undefined, subject: string, body: string) => {
    if (noteSubjects || note?.subject === subject) {
      assert.equal(note?.subject, subject);
      assert.equal(note?.body, body);
    } else {
      assert.ok(note?.body.includes(subject) && note.body.includes(body), `note body is ${JSON.stringify(note?.body)}`);
    }
  };
  const seed = seedTickets().map((ticket) => UnifiedTicketSchema.parse(ticket));
  const ticketIn = (queue: UnifiedEntity) => seed.filter((ticket) => entityMatches(ticket.queue, queue));
  const queues = distinct(seed.map((ticket) => ticket.queue));
  const priorities = distinct(seed.map((ticket) => ticket.priority));
  const [firstQueue, secondQueue] = queues;
  const [firstPriority, secondPriority] = priorities;
  assert.ok(firstQueue && secondQueue && firstPriority && secondPriority, "the seed needs two queues and priorities");

  // Each test gets its own help desk, so writes in one never leak into another.
  const test = (title: string, body: (system: TicketSystem) => Promise<void>) =>
    it(title, async () => {
      const subject = await setup(seedTickets());
      try {
        await body(subject.system);
      } finally {
        await subject.teardown?.();
      }
    });

  describe(`TicketSystem conformance: ${name}`, () => {
    describe("find", () => {
      test("finds the tickets of a queue by name", async (system) => {
        const expected = idsOf(ticketIn({ name: secondQueue.name }));
        assert.ok(expected.length > 1);
        assert.deepEqual(idsOf(await findAll(system, { queue: { name: secondQueue.name } })), expected);
      });

      test("finds the tickets of a queue by id", async (system) => {
        const expected = idsOf(ticketIn({ id: firstQueue.id }));
        assert.ok(expected.length > 1);
        assert.deepEqual(idsOf(await findAll(system, { queue: { id: firstQueue.id } })), expected);
      });

      test("filters by one status and by a list of statuses", async (system) => {
        const only = (statuses: string[]) => idsOf(seed.filter((t) => statuses.includes(t.status ?? "")));
        assert.ok(only(["new"]).length > 0 && only(["pending"]).length > 0);
        assert.deepEqual(idsOf(await findAll(system, { status: "new" })), only(["new"]));
        assert.deepEqual(idsOf(await findAll(system, { status: ["new", "pending"] })), only(["new", "pending"]));
      });

      test("filters by updated_since", async (system) => {
        // A threshold between two seed versions, so inclusive and exclusive adapters agree.
        const times = [...new Set(seed.map((t) => Date.parse(t.updated_at ?? "")))].sort((a, b) => a - b);
        const middle = Math.floor(times.length / 2);
        const since = new Date(((times[middle - 1] ?? 0) + (times[middle] ?? 0)) / 2).toISOString();
        const expected = idsOf(seed.filter((t) => Date.parse(t.updated_at ?? "") > Date.parse(since)));
        assert.ok(expected.length > 0 && expected.length < seed.length);
        assert.deepEqual(idsOf(await findAll(system, { updated_since: since })), expected);
      });

      test("pages with limit and offset in a stable order", async (system) => {
        const everything = (await system.find(criteria({ limit: 100 }))).tickets.map((t) => t.id);
        assert.equal(everything.length, seed.length);
        const first = (await system.find(criteria({ limit: 3, offset: 0 }))).tickets.map((t) => t.id);
        const second = (await system.find(criteria({ limit: 3, offset: 3 }))).tickets.map((t) => t.id);
        assert.deepEqual(first, everything.slice(0, 3));
        assert.deepEqual(second, everything.slice(3, 6));
        const beyond = await system.find(criteria({ limit: 3, offset: seed.length }));
        assert.deepEqual(beyond.tickets, []);
      });

      test("follows next_cursor through every ticket exactly once", async (system) => {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages <= seed.length; pages += 1) {
          const page = await system.find(criteria(cursor === undefined ? { limit: 3 } : { limit: 3, cursor }));
          assert.ok(page.tickets.length <= 3);
          seen.push(...page.tickets.map((t) => t.id));
          cursor = page.next_cursor;
          if (cursor === undefined) break;
        }
        assert.equal(cursor, undefined, "pagination never ended");
        assert.equal(new Set(seen).size, seen.length, `a ticket came twice: ${seen.join(", ")}`);
        assert.deepEqual([...seen].sort(), idsOf(seed));
      });

      test("follows next_cursor within a filter", async (system) => {
        const expected = idsOf(ticketIn(firstQueue));
        const first = await system.find(criteria({ queue: firstQueue, limit: expected.length - 1 }));
        assert.ok(first.next_cursor !== undefined);
        const rest = await system.find(
          criteria({ queue: firstQueue, limit: expected.length - 1, cursor: first.next_cursor }),
        );
        assert.equal(rest.next_cursor, undefined);
        assert.deepEqual(idsOf([...first.tickets, ...rest.tickets]), expected);
      });

      test("omits next_cursor when everything fits on one page", async (system) => {
        const page = await system.find(criteria({ limit: seed.length }));
        assert.equal(page.tickets.length, seed.length);
        assert.equal(page.next_cursor, undefined);
      });
    });

    describe("get", () => {
      test("gets a ticket by id with its fields", async (system) => {
        const expected = seed[1] ?? assert.fail("the seed is too small");
        const ticket = await system.get(expected.id);
        assert.ok(ticket !== null);
        assert.equal(ticket.id, expected.id);
        assert.equal(ticket.subject, expected.subject);
        assert.equal(ticket.body, expected.body);
        assert.equal(ticket.status, expected.status);
        assert.ok(expected.queue && entityMatches(ticket.queue, expected.queue));
        assert.ok(expected.priority && entityMatches(ticket.priority, expected.priority));
        assert.deepEqual([...ticket.tags].sort(), [...expected.tags].sort());
        assert.equal(ticket.notes.length, expected.notes.length);
      });

      test("returns null for a missing id", async (system) => {
        assert.equal(await system.get("does-not-exist-404"), null);
      });

      test("returns a copy: changing it does not change the help desk", async (system) => {
        const id = seed[0]?.id ?? "";
        const ticket = await system.get(id);
        assert.ok(ticket !== null);
        ticket.subject = "changed by the caller";
        ticket.tags.push("caller-tag");
        const again = await system.get(id);
        assert.equal(again?.subject, seed[0]?.subject);
        assert.ok(!again?.tags.includes("caller-tag"));
      });
    });

    describe("update", () => {
      test("changes queue, priority and subject, visible in get", async (system) => {
        const ticket = ticketIn(firstQueue).find((t) => !entityMatches(t.priority, secondPriority));
        assert.ok(ticket);
        const ok = await system.update(ticket.id, {
          queue: secondQueue,
          priority: secondPriority,
          subject: "Moved by the conformance suite",
        });
        assert.equal(ok, true);
        const after = await system.get(ticket.id);
        assert.ok(after !== null);
        assert.ok(entityMatches(after.queue, secondQueue), `queue is ${JSON.stringify(after.queue)}`);
        assert.ok(entityMatches(after.priority, secondPriority), `priority is ${JSON.stringify(after.priority)}`);
        assert.equal(after.subject, "Moved by the conformance suite");
        assert.equal(after.body, ticket.body);
        assert.ok(idsOf(await findAll(system, { queue: secondQueue })).includes(ticket.id));
      });

      test("changes the status, visible to a status search", async (system) => {
        const ticket = seed.find((t) => t.status === "new") ?? assert.fail("no new ticket in the seed");
        assert.equal(await system.update(ticket.id, { status: "pending" }), true);
        assert.equal((await system.get(ticket.id))?.status, "pending");
        assert.ok(idsOf(await findAll(system, { status: "pending" })).includes(ticket.id));
        assert.ok(!idsOf(await findAll(system, { status: "new" })).includes(ticket.id));
      });

      test("add_tags and remove_tags keep the other tags", async (system) => {
        const ticket = seed.find((t) => t.tags.length >= 2) ?? assert.fail("no ticket with two tags");
        const [removed, ...kept] = ticket.tags;
        assert.ok(removed !== undefined);
        const ok = await system.update(ticket.id, { add_tags: ["otai-routed", kept[0] ?? ""], remove_tags: [removed] });
        assert.equal(ok, true);
        const tags = (await system.get(ticket.id))?.tags ?? [];
        assert.deepEqual([...tags].sort(), [...kept, "otai-routed"].sort());
      });

      test("returns false for an unknown id", async (system) => {
        assert.equal(await system.update("does-not-exist-404", { subject: "nobody" }), false);
        assert.equal(await system.get("does-not-exist-404"), null);
      });

      test("adds each of update.notes as a note", async (system) => {
        const ticket = seed[0] ?? assert.fail("empty seed");
        const notes = [{ subject: "Routing", body: "Moved to Billing", content_type: "text/plain", internal: true }];
        assert.equal(await system.update(ticket.id, { notes }), true);
        const after = await system.get(ticket.id);
        assert.equal(after?.notes.length, ticket.notes.length + 1);
        assertNote(after?.notes.at(-1), "Routing", "Moved to Billing");
      });

      test("changes updated_at on every write, even in quick succession", async (system) => {
        const id = seed[0]?.id ?? "";
        const versions = [(await system.get(id))?.updated_at];
        await system.update(id, { subject: "first" });
        versions.push((await system.get(id))?.updated_at);
        await system.update(id, { subject: "second" });
        versions.push((await system.get(id))?.updated_at);
        await system.addNote(id, { body: "third" });
        versions.push((await system.get(id))?.updated_at);
        assert.ok(versions.every((version) => typeof version === "string" && version !== ""));
        assert.equal(new Set(versions).size, versions.length, `versions repeat: ${versions.join(", ")}`);
      });
    });

    describe("addNote", () => {
      test("adds an internal note by default, visible in get().notes", async (system) => {
        const ticket = seed[1] ?? assert.fail("the seed is too small");
        assert.equal(await system.addNote(ticket.id, { subject: "Triage", body: "Classified as billing" }), true);
        const notes = (await system.get(ticket.id))?.notes ?? [];
        assert.equal(notes.length, ticket.notes.length + 1);
        const note = notes.at(-1);
        assertNote(note, "Triage", "Classified as billing");
        assert.equal(note?.internal, true);
      });

      test("adds a public note when asked", async (system) => {
        const id = seed[0]?.id ?? "";
        assert.equal(await system.addNote(id, { body: "We are on it." }, { internal: false }), true);
        const note = (await system.get(id))?.notes.at(-1);
        assert.equal(note?.body, "We are on it.");
        assert.equal(note?.internal, false);
      });

      test("returns false for an unknown id", async (system) => {
        assert.equal(await system.addNote("does-not-exist-404", { body: "nobody" }), false);
      });
    });

    describe("options", () => {
      test("lists the queues and priorities the tickets use", async (system) => {
        const options = await system.options();
        for (const queue of queues) {
          assert.ok(
            options.queues.some((known) => entityMatches(known, queue)),
            `queue ${queue.name} is missing`,
          );
        }
        for (const priority of priorities) {
          assert.ok(
            options.priorities.some((known) => entityMatches(known, priority)),
            `priority ${priority.name} is missing`,
          );
        }
        assert.ok(Array.isArray(options.types) && Array.isArray(options.statuses) && Array.isArray(options.fields));
      });
    });
  });
}

function criteria(input: TicketSearchCriteriaInput): TicketSearchCriteria {
  return TicketSearchCriteriaSchema.parse(input);
}

// Filters only promise a set, not an order; a big limit keeps the suite independent of the default.
async function findAll(system: TicketSystem, input: TicketSearchCriteriaInput): Promise<UnifiedTicket[]> {
  const page = await system.find(criteria({ ...input, limit: 1000 }));
  assert.equal(page.next_cursor, undefined);
  return page.tickets;
}

function idsOf(tickets: readonly UnifiedTicket[]): string[] {
  return tickets.map((ticket) => ticket.id).sort();
}

function distinct(entities: (UnifiedEntity | undefined)[]): UnifiedEntity[] {
  const found: UnifiedEntity[] = [];
  for (const entity of entities) {
    if (entity !== undefined && !found.some((known) => entityMatches(known, entity))) found.push(entity);
  }
  return found;
}
