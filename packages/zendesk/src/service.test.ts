/**
 * The Zendesk adapter against the fake Zendesk of the test kit: the shared ticket-system
 * conformance suite, plus Zendesk's own behaviours (safe updates, drop-downs, bulk jobs, limits).
 */
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, it } from "node:test";
import {
  createHttpClient,
  createLogger,
  createSecretRegistry,
  isOtaiError,
  type TicketSystem,
  type UnifiedTicketInput,
} from "@otai/core";
import {
  type FakeZendesk,
  loadZendeskOpenApi,
  runTicketSystemConformance,
  startFakeZendesk,
  type TicketSeed,
} from "@otai/testkit";
import { createZendeskTicketSystem } from "./service.ts";

const EMAIL = "otai@example.test";
const TOKEN = "fake-zendesk-token-123";

/** The unified seed as a Zendesk account: queues become groups, the body the first comment. */
function seedFake(fake: FakeZendesk, tickets: UnifiedTicketInput[]) {
  const groups = new Map<number, string>();
  for (const t of tickets)
    if (t.queue?.id !== undefined) groups.set(Number(t.queue.id), t.queue.name ?? `Group ${t.queue.id}`);
  fake.seed({
    groups: [...groups].map(([id, name]) => ({ id, name })),
    tickets: tickets.map((t) => ({
      id: Number(t.id),
      subject: t.subject ?? "",
      status: (t.status ?? "new") as NonNullable<TicketSeed["status"]>,
      ...(t.priority?.name ? { priority: t.priority.name as NonNullable<TicketSeed["priority"]> } : {}),
      ...(t.type ? { type: t.type as NonNullable<TicketSeed["type"]> } : {}),
      tags: [...(t.tags ?? [])],
      ...(t.queue?.id !== undefined ? { group_id: Number(t.queue.id) } : {}),
      ...(t.created_at ? { created_at: t.created_at } : {}),
      ...(t.updated_at ? { updated_at: t.updated_at } : {}),
      comments: [
        { body: t.body ?? "", public: true },
        ...(t.notes ?? []).map((n) => ({ body: n.body ?? "", public: n.internal === false })),
      ],
    })),
  });
}

async function connect(fake: FakeZendesk) {
  const secrets = createSecretRegistry();
  const logs: string[] = [];
  const logger = createLogger({
    level: "DEBUG",
    secrets,
    destination: new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  });
  const http = createHttpClient({
    baseUrl: `${fake.url}/api/v2`,
    name: "Zendesk",
    auth: () => `Basic ${Buffer.from(`${EMAIL}/token:${TOKEN}`).toString("base64")}`,
    secrets,
    logger,
    retries: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  return { system: createZendeskTicketSystem(http, { jobPollMs: 1 }), logs };
}

const openApi = loadZendeskOpenApi();

/** Every request the adapter sent must be valid by Zendesk's published OpenAPI file. */
function assertRequestsValid(fake: FakeZendesk) {
  const invalid = fake.requests.filter((r) => (r.validation?.errors.length ?? 1) > 0);
  assert.deepEqual(
    invalid.map((r) => `${r.method} ${r.path}: ${r.validation?.errors.join("; ") ?? "not validated"}`),
    [],
  );
}

runTicketSystemConformance(
  "Zendesk adapter against the fake Zendesk",
  async (seed) => {
    const fake = await startFakeZendesk({ credentials: { email: EMAIL, apiToken: TOKEN }, openApi });
    seedFake(fake, seed);
    const { system } = await connect(fake);
    return {
      system,
      teardown: async () => {
        await system.close?.();
        assertRequestsValid(fake);
        await fake.close();
      },
    };
  },
  { noteSubjects: false },
);

describe("Zendesk adapter specifics (fake Zendesk)", () => {
  let fake: FakeZendesk;
  let system: TicketSystem;
  let logs: string[];

  beforeEach(async () => {
    fake = await startFakeZendesk({ credentials: { email: EMAIL, apiToken: TOKEN }, openApi });
    fake.seed({
      groups: [
        { id: 11, name: "Incoming" },
        { id: 12, name: "Billing" },
      ],
      ticketFields: [
        {
          id: 501,
          type: "tagger",
          title: "Product",
          custom_field_options: [{ name: "Mobile App", value: "mobile_app" }],
        },
      ],
      tickets: Array.from({ length: 150 }, (_, i) => ({
        id: i + 1,
        subject: `Ticket ${i + 1}`,
        status: "new" as const,
        group_id: 11,
        comments: [{ body: `Body ${i + 1}`, public: true }],
      })),
    });
    ({ system, logs } = await connect(fake));
  });
  afterEach(async () => {
    await system.close?.();
    assertRequestsValid(fake);
    await fake.close();
  });

  it("never overwrites an agent's newer edit: a stale version is a conflict, and nothing is written", async () => {
    const read = await system.get("1");
    fake.editTicket(1, { subject: "Edited by an agent" });
    await assert.rejects(
      system.update("1", { queue: { name: "Billing" } }, { expectedVersion: read?.updated_at ?? "" }),
      (e: unknown) => isOtaiError(e, "OTAI_HELPDESK_CONFLICT"),
    );
    assert.equal(fake.ticket(1)?.group_id, 11);
    const fresh = await system.get("1");
    assert.equal(
      await system.update("1", { queue: { name: "Billing" } }, { expectedVersion: fresh?.updated_at ?? "" }),
      true,
    );
    assert.equal(fake.ticket(1)?.group_id, 12);
  });

  it("checks drop-down values before sending, because Zendesk would silently drop an unknown one", async () => {
    const puts = () => fake.requests.filter((r) => r.method === "PUT").length;
    await assert.rejects(system.update("2", { custom_fields: { Product: "Desktop" } }), (e: unknown) =>
      isOtaiError(e, "OTAI_HELPDESK_INVALID"),
    );
    assert.equal(puts(), 0);
    assert.equal(await system.update("2", { custom_fields: { Product: "Mobile App" } }), true);
    assert.deepEqual(fake.ticket(2)?.custom_fields?.find((f) => f.id === 501)?.value, "mobile_app");
  });

  it("adds and removes tags without replacing the others, and writes notes as private comments", async () => {
    fake.editTicket(3, { tags: ["vip", "triage"] });
    assert.equal(await system.update("3", { add_tags: ["otai"], remove_tags: ["triage"] }), true);
    assert.deepEqual([...(fake.ticket(3)?.tags ?? [])].sort(), ["otai", "vip"]);
    assert.equal(await system.addNote("3", { body: "Routed to Billing" }), true);
    const last = fake.comments(3).at(-1);
    assert.equal(last?.public, false);
    assert.match(last?.body ?? "", /Routed to Billing/);
  });

  it("waits out a 429 with Retry-After and retries a 5xx on reads, so the caller sees neither", async () => {
    fake.faults.next({ kind: "rateLimit", retryAfterSeconds: 1 }, { match: { method: "PUT" } });
    fake.faults.next({ kind: "status", status: 503 }, { times: 2, match: { method: "GET" } });
    const started = Date.now();
    assert.equal(await system.update("4", { status: "open" }), true);
    assert.ok(Date.now() - started >= 900, "it waited for Retry-After");
    assert.equal((await system.get("4"))?.status, "open");
    assert.equal(fake.requests.filter((r) => r.status === 429).length, 1);
    assert.equal(fake.requests.filter((r) => r.status === 503).length, 2);
  });

  it("resolves a queue name through the groups API once, not on every write", async () => {
    for (const id of ["5", "6", "7"]) assert.equal(await system.update(id, { queue: { name: "Billing" } }), true);
    assert.equal(fake.requests.filter((r) => r.path.startsWith("/api/v2/groups")).length, 1);
  });

  it("finds by group name with cursor pages that visit every ticket once, beyond one page", async () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await system.find({
        queue: { name: "Incoming" },
        limit: 60,
        offset: 0,
        ...(cursor ? { cursor } : {}),
      });
      for (const ticket of page.tickets) seen.add(ticket.id);
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    assert.equal(seen.size, 150);
  });

  it("bulk-updates through update_many jobs of at most 100 tickets, with an outcome per ticket", async () => {
    const stale = (await system.get("10"))?.updated_at ?? "";
    fake.editTicket(10, { subject: "agent edit" });
    const items = Array.from({ length: 120 }, (_, i) => ({
      id: String(i + 1),
      changes: { queue: { name: "Billing" }, add_tags: ["otai"] },
      ...(i + 1 === 10 ? { expectedVersion: stale } : {}),
    }));
    const results = (await system.updateMany?.(items)) ?? [];
    assert.equal(results.length, 120);
    assert.equal(results.filter((r) => r.ok).length, 119);
    assert.equal(results.find((r) => r.id === "10")?.code, "OTAI_HELPDESK_CONFLICT");
    assert.equal(fake.requests.filter((r) => r.path.startsWith("/api/v2/tickets/update_many")).length, 2);
    assert.equal(fake.ticket(50)?.group_id, 12);
    assert.equal(fake.ticket(10)?.group_id, 11);
  });

  it("never logs the credentials, even at debug level and when requests fail", async () => {
    // One more 500 than the client's attempts (1 + 4 retries), so this read fails for good.
    fake.faults.next({ kind: "status", status: 500 }, { times: 5, match: { method: "GET" } });
    await assert.rejects(system.get("1"));
    await system.get("2");
    assert.ok(logs.length > 0, "debug lines were written");
    const basic = Buffer.from(`${EMAIL}/token:${TOKEN}`).toString("base64");
    assert.ok(!logs.some((line) => line.includes(TOKEN) || line.includes(basic)));
  });
});

describe("Zendesk cursor after an offset (fake Zendesk)", () => {
  it("resumes mid-page, so offset + cursor visit every later ticket exactly once", async () => {
    const fake = await startFakeZendesk({ credentials: { email: EMAIL, apiToken: TOKEN } });
    try {
      fake.seed({
        groups: [{ id: 1, name: "Q" }],
        tickets: Array.from({ length: 130 }, (_, i) => ({
          id: i + 1,
          status: "new" as const,
          group_id: 1,
          comments: [{ body: "x" }],
        })),
      });
      const { system } = await connect(fake);
      for (const criteria of [{}, { queue: { name: "Q" } }]) {
        const seen: string[] = [];
        let page = await system.find({ ...criteria, limit: 7, offset: 5 });
        seen.push(...page.tickets.map((t) => t.id));
        for (let i = 0; i < 40 && page.next_cursor; i++) {
          page = await system.find({ ...criteria, limit: 7, offset: 0, cursor: page.next_cursor });
          seen.push(...page.tickets.map((t) => t.id));
        }
        assert.equal(page.next_cursor, undefined);
        assert.equal(new Set(seen).size, seen.length, "no ticket twice");
        assert.equal(seen.length, 125, `with ${JSON.stringify(criteria)}`);
      }
      await system.close?.();
    } finally {
      await fake.close();
    }
  });
});
