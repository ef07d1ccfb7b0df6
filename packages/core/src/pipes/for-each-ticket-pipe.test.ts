import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pipelineConfig, runConfig } from "@otai/testkit";
import type { PlannedChange } from "../contracts/engine.ts";
import { createSqliteStateStore } from "../state/sqlite-store.ts";

const tickets = [
  {
    id: "1",
    subject: "Invoice wrong",
    body: "invoice 12",
    queue: { name: "Incoming" },
    updated_at: "2026-01-01T00:00:00.000Z",
  },
  {
    id: "2",
    subject: "Poison",
    body: "always fails",
    queue: { name: "Incoming" },
    updated_at: "2026-01-01T00:00:00.000Z",
  },
  {
    id: "3",
    subject: "skip me",
    body: "a condition skips the step",
    queue: { name: "Incoming" },
    updated_at: "2026-01-01T00:00:00.000Z",
  },
  {
    id: "4",
    subject: "VPN down",
    body: "cannot connect",
    queue: { name: "Incoming" },
    updated_at: "2026-01-01T00:00:00.000Z",
  },
];
const jsonl = `${tickets.map((t) => JSON.stringify(t)).join("\n")}\n`;
const services = `helpdesk:
  use: base:JsonlTicketSystemService
  params:
    path: tickets.jsonl
    queues: [{ name: Incoming }, { name: Billing }, { name: "OTAI Errors" }]`;

// Ticket 2's plan names a queue the help desk does not have, so its write fails every time.
const steps = (extra = "") => `- id: fetch
  use: base:FetchTicketsPipe
  injects: { ticket_system: helpdesk }
  params: { ticket_search_criteria: { limit: 100 } }
- id: each
  use: base:ForEachTicketPipe
  injects: { ticket_system: helpdesk }
  params:
    tickets: "{{ get_pipe_result('fetch', 'fetched_tickets') }}"
    concurrency: 2
    retry_backoff: 0
    max_attempts: 2
${extra}
    steps:
      - id: apply
        use: base:ApplyDecisionsPipe
        when: "{{ ticket.subject != 'skip me' }}"
        injects: { ticket_system: helpdesk }
        params:
          plan:
            decisions:
              - { field: queue, predicted: Billing, value: Billing, confidence: 0.9, threshold: 0.8, outcome: applied, reason: above threshold }
            changes: { queue: { name: "{{ 'Nowhere' if ticket.id == '2' else 'Billing' }}" } }
            note: "routed ticket {{ ticket.id }}"`;

const read = (dir: string) =>
  readFileSync(join(dir, "tickets.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map(
      (line) =>
        JSON.parse(line) as { id: string; queue?: { name?: string }; tags?: string[]; notes?: { body: string }[] },
    );

describe("ForEachTicketPipe + ApplyDecisionsPipe (JSONL help desk)", () => {
  it("processes each ticket on its own: a failing one never stops the others, and `when:` skips a step", async () => {
    const { dir } = await runConfig(pipelineConfig(steps(), { services }), { files: { "tickets.jsonl": jsonl } });
    const after = read(dir);
    assert.equal(after.find((t) => t.id === "1")?.queue?.name, "Billing");
    assert.equal(after.find((t) => t.id === "4")?.queue?.name, "Billing");
    assert.equal(after.find((t) => t.id === "2")?.queue?.name, "Incoming", "the poison ticket is unchanged");
    assert.equal(after.find((t) => t.id === "3")?.queue?.name, "Incoming", "the condition skipped ticket 3's write");
    // The write carries its decision id twice: as a marker tag and in the note.
    const one = after.find((t) => t.id === "1");
    const marker = one?.tags?.find((tag) => tag.startsWith("otai-"));
    assert.ok(marker, "marker tag written");
    assert.match(one?.notes?.[0]?.body ?? "", /routed ticket 1\n\n\[otai decision [A-Za-z0-9_-]+\]/);
  });

  it("never processes an unchanged ticket twice, and sends a poison ticket to the dead letter after max_attempts", async () => {
    const { dir, outcomes } = await runConfig(pipelineConfig(steps(), { services }), {
      files: { "tickets.jsonl": jsonl },
      cycles: 3,
    });
    const counts = outcomes.map((o) => (o.result.data.counts ?? {}) as Record<string, number>);
    assert.deepEqual(counts[0], { processed: 3, failed: 1 });
    assert.deepEqual(counts[1], { unchanged: 3, dead_letter: 1 }, "the second failure is the last");
    assert.deepEqual(counts[2], { unchanged: 4 }, "a dead ticket is left alone until it changes");
    const notes = read(dir).map((t) => t.notes?.length ?? 0);
    assert.deepEqual(notes, [1, 0, 0, 1], "one note per routed ticket, however many cycles ran");
    const store = createSqliteStateStore({ path: join(dir, "otai-state.sqlite") });
    try {
      const dead = await store.deadLetters();
      assert.deepEqual(
        dead.map((d) => d.ticketId),
        ["2"],
      );
      const decisions = await store.decisions();
      const applied = decisions.filter((d) => d.outcome === "applied").map((d) => d.ticketId);
      assert.deepEqual(applied.sort(), ["1", "4"]);
      assert.equal(decisions.filter((d) => d.ticketId === "2" && d.outcome === "failed").length, 2);
    } finally {
      await store.close();
    }
  });

  it("moves a dead-letter ticket to the error queue when configured", async () => {
    const extra = `    dead_letter: { action: move, queue: "OTAI Errors" }`;
    const { dir } = await runConfig(pipelineConfig(steps(extra), { services }), {
      files: { "tickets.jsonl": jsonl },
      cycles: 2,
    });
    const poison = read(dir).find((t) => t.id === "2");
    assert.equal(poison?.queue?.name, "OTAI Errors");
    assert.ok(poison?.tags?.includes("otai-dead-letter"));
  });

  it("processes a ticket again once someone else changed it", async () => {
    const { dir } = await runConfig(pipelineConfig(steps(), { services }), { files: { "tickets.jsonl": jsonl } });
    // A customer reply: the ticket goes back to Incoming with a new version.
    const lines = read(dir).map((t) =>
      t.id === "1" ? { ...t, queue: { name: "Incoming" }, updated_at: "2027-01-01T00:00:00.000Z" } : t,
    );
    writeFileSync(join(dir, "tickets.jsonl"), `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    const { outcomes } = await runConfig(pipelineConfig(steps(), { services }), { dir });
    const byTicket = (outcomes[0]?.result.data.outcomes ?? {}) as Record<string, string>;
    assert.equal(byTicket["1"], "processed");
    assert.equal(byTicket["4"], "unchanged");
  });

  it("dry_run writes nothing and records nothing, and reports the exact changes", async () => {
    const plans: PlannedChange[] = [];
    const { dir } = await runConfig(pipelineConfig(steps(), { services }), {
      files: { "tickets.jsonl": jsonl },
      app: { mode: "dry_run", onPlan: (p) => plans.push(p) },
      cycles: 2,
    });
    assert.equal(readFileSync(join(dir, "tickets.jsonl"), "utf8"), jsonl);
    const one = plans.filter((p) => p.ticketId === "1");
    assert.equal(one.length, 2, "nothing recorded, so the second cycle plans the same change again");
    assert.deepEqual(one[0]?.changes.queue, { name: "Billing" });
    assert.match(one[0]?.changes.add_tags?.[0] ?? "", /^otai-[a-z0-9]{10}$/, "the marker tag live mode would add");
    assert.match(one[0]?.note ?? "", /^routed ticket 1\n\n\[otai decision /);
    const store = createSqliteStateStore({ path: join(dir, "otai-state.sqlite") });
    try {
      assert.equal((await store.decisions()).length, 0);
    } finally {
      await store.close();
    }
  });

  it("shadow records decisions and writes nothing; suggest writes only notes", async () => {
    const shadow = await runConfig(pipelineConfig(steps(), { services }), {
      files: { "tickets.jsonl": jsonl },
      app: { mode: "shadow" },
    });
    assert.equal(readFileSync(join(shadow.dir, "tickets.jsonl"), "utf8"), jsonl);
    const store = createSqliteStateStore({ path: join(shadow.dir, "otai-state.sqlite") });
    try {
      const decisions = await store.decisions();
      assert.deepEqual([...new Set(decisions.map((d) => d.ticketId))].sort(), ["1", "2", "4"]);
      assert.ok(decisions.every((d) => d.mode === "shadow"));
    } finally {
      await store.close();
    }
    const suggest = await runConfig(pipelineConfig(steps(), { services }), {
      files: { "tickets.jsonl": jsonl },
      app: { mode: "suggest" },
    });
    const after = read(suggest.dir);
    assert.ok(
      after.every((t) => t.queue?.name === "Incoming"),
      "no field changed",
    );
    const one = after.find((t) => t.id === "1");
    assert.match(one?.notes?.[0]?.body ?? "", /Open Ticket AI suggests:\n- queue: Billing \(confidence 0\.90\)/);
  });

  it("a ticket edited between read and write is read again and decided anew, and written once", async () => {
    // The first step plays an agent who edits ticket 1 after it was fetched: the write then carries a
    // stale version, the help desk refuses it as a conflict, and the loop retries on a fresh read.
    const racing = steps().replace(
      "    steps:\n",
      `    steps:
      - id: agent_edit
        use: base:UpdateTicketPipe
        when: "{{ ticket.id == '1' and ticket.subject == 'Invoice wrong' }}"
        injects: { ticket_system: helpdesk }
        params: { ticket_id: "1", updated_ticket: { subject: "Invoice wrong (edited)" } }
`,
    );
    const { dir, outcomes, logs } = await runConfig(pipelineConfig(racing, { services }), {
      files: { "tickets.jsonl": jsonl },
    });
    assert.ok(
      logs.some((line) => line.includes("deciding again on a fresh read")),
      "the conflict happened",
    );
    const one = read(dir).find((t) => t.id === "1");
    assert.equal(one?.queue?.name, "Billing");
    assert.equal(one?.notes?.length, 1, "written once");
    assert.equal(((outcomes[0]?.result.data.outcomes ?? {}) as Record<string, string>)["1"], "processed");
  });

  it("tickets decided in shadow mode are written when the same pipeline goes live", async () => {
    const shadow = await runConfig(pipelineConfig(steps(), { services }), {
      files: { "tickets.jsonl": jsonl },
      app: { mode: "shadow" },
    });
    assert.equal(readFileSync(join(shadow.dir, "tickets.jsonl"), "utf8"), jsonl);
    await runConfig(pipelineConfig(steps(), { services }), { dir: shadow.dir });
    const after = read(shadow.dir);
    assert.equal(after.find((t) => t.id === "1")?.queue?.name, "Billing");
    assert.equal(after.find((t) => t.id === "1")?.notes?.length, 1);
  });

  it("--ticket processes only the named ticket, even when it was processed before", async () => {
    const first = await runConfig(pipelineConfig(steps(), { services }), { files: { "tickets.jsonl": jsonl } });
    const { outcomes } = await runConfig(pipelineConfig(steps(), { services }), {
      dir: first.dir,
      app: { onlyTickets: ["4"] },
    });
    assert.deepEqual(outcomes[0]?.result.data.outcomes, { "4": "processed" });
    assert.equal(read(first.dir).find((t) => t.id === "4")?.notes?.length, 2);
  });
});
