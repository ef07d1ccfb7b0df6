import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { createRecorder, createRecordingPlugin, pipelineConfig, runConfig } from "@otai/testkit";
import { pino } from "pino";
import { emptyContext, type PipeContext } from "../contracts/pipe-context.ts";
import { definePlugin, PLUGIN_API_VERSION } from "../contracts/plugin.ts";
import { UnifiedTicketSchema } from "../contracts/ticket.ts";
import type { HelpDeskOptions } from "../contracts/ticket-system.ts";
import { isOtaiError } from "../errors.ts";
import { DecidePipe } from "./decide-pipe.ts";
import type { PlannedDecision } from "./decision.ts";
import { cachedOptions, OPTIONS_TTL_MS } from "./options-cache.ts";

// DecidePipe is not in the base plugin yet, so the runtime tests register it in a plugin of their own.
const policyTestPlugin = definePlugin({
  name: "otai-policy-test",
  version: "0.0.0",
  prefix: "policytest",
  apiVersion: `^${PLUGIN_API_VERSION}`,
  setup(api) {
    api.register(DecidePipe);
  },
});

const tickets = [
  { id: "1", subject: "Invoice wrong", body: "my invoice is wrong", queue: { name: "Incoming" }, tags: ["x"] },
  { id: "2", subject: "VPN", body: "cannot connect", queue: { name: "Incoming" } },
];
const jsonl = `${tickets.map((t) => JSON.stringify(t)).join("\n")}\n`;
const services = `helpdesk:
  use: base:JsonlTicketSystemService
  params:
    path: tickets.jsonl
    queues: [{ name: Incoming }, { name: Billing and Payments }, { name: Unclassified }]
cls:
  use: fake:ScriptedClassifier`;

function steps(ticketIndex: number): string {
  return `- id: fetch
  use: base:FetchTicketsPipe
  injects: { ticket_system: helpdesk }
  params: { ticket_search_criteria: { queue: { name: Incoming }, limit: 10 } }
- id: ticket
  use: base:ExpressionPipe
  params: { expression: "{{ get_pipe_result('fetch','fetched_tickets')[${ticketIndex}] }}" }
- id: cls
  use: base:ClassificationPipe
  injects: { classification_service: cls }
  params: { text: "{{ get_pipe_result('ticket')['body'] }}" }
- id: decide
  use: policytest:DecidePipe
  injects: { ticket_system: helpdesk }
  params:
    ticket: "{{ get_pipe_result('ticket') }}"
    predictions:
      queue:
        label: "{{ get_pipe_result('cls','label') }}"
        confidence: "{{ get_pipe_result('cls','confidence') }}"
    policy:
      fields:
        queue:
          bands: [{ min: 0.95, action: apply }, { min: 0.8, action: apply_and_flag }]
          fallback: Unclassified
          mapping: { "Billing*": "Billing and Payments", "*": "$label" }
- id: update
  use: base:UpdateTicketPipe
  injects: { ticket_system: helpdesk }
  params:
    ticket_id: "{{ get_pipe_result('decide','ticket_id') }}"
    updated_ticket: "{{ get_pipe_result('decide','changes') }}"
- id: note
  use: base:AddNotePipe
  injects: { ticket_system: helpdesk }
  params:
    ticket_id: "{{ get_pipe_result('decide','ticket_id') }}"
    note: { subject: Open Ticket AI, body: "{{ get_pipe_result('decide','note') }}" }`;
}

function readTickets(dir: string) {
  return readFileSync(join(dir, "tickets.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

describe("DecidePipe through the runtime (JSONL help desk, fake classifier)", () => {
  it("flags a mapped label, and the update and note steps write what it decided", async () => {
    const { dir, outcomes } = await runConfig(pipelineConfig(steps(0), { services }), {
      plugins: [createRecordingPlugin(createRecorder()), policyTestPlugin],
      files: { "tickets.jsonl": jsonl },
    });
    assert.equal(outcomes[0]?.ok, true, JSON.stringify(outcomes[0]?.incidents.map((i) => i.error.message)));
    const [first, second] = readTickets(dir);
    // The fake classifier answers "Billing" at 0.9 for text with "invoice": the apply_and_flag band.
    assert.deepEqual(first.queue, { name: "Billing and Payments" });
    assert.deepEqual(first.tags, ["x", "otai-review"]);
    assert.equal(
      first.notes[0].body,
      "Open Ticket AI\nqueue: flagged for review: Billing and Payments (confidence 0.90 < 0.95; applied, tagged otai-review)",
    );
    assert.deepEqual(second, tickets[1]);
  });

  it("sends a label the help desk does not have to the fallback queue, with the reason in the note", async () => {
    const { dir, outcomes, logs } = await runConfig(pipelineConfig(steps(1), { services }), {
      plugins: [createRecordingPlugin(createRecorder()), policyTestPlugin],
      files: { "tickets.jsonl": jsonl },
    });
    assert.equal(outcomes[0]?.ok, true, JSON.stringify(outcomes[0]?.incidents.map((i) => i.error.message)));
    const second = readTickets(dir)[1];
    assert.deepEqual(second.queue, { name: "Unclassified" });
    assert.equal(
      second.notes[0].body,
      "Open Ticket AI\nqueue: fell back to Unclassified: label 'Other' maps to queue 'Other', which the help desk does not have",
    );
    const decided = logs.map((line) => JSON.parse(line)).find((entry) => entry.msg === "ticket decided");
    assert.deepEqual(decided?.outcomes, { fallback: 1 });
  });

  it("reports a policy error at load time with its path", async () => {
    const broken = steps(0).replace("min: 0.95", "min: 1.95");
    const { outcomes } = await runConfig(pipelineConfig(broken, { services }), {
      plugins: [createRecordingPlugin(createRecorder()), policyTestPlugin],
      files: { "tickets.jsonl": jsonl },
    }).then(
      (result) => result,
      (error: unknown) => {
        assert.ok(isOtaiError(error, "OTAI_CONFIG_INVALID"), String(error));
        assert.match(
          error.message,
          /params\.policy\.fields\.queue\.bands\[0\]\.min: must be between 0 and 1, got 1\.95/,
        );
        return { outcomes: [] };
      },
    );
    assert.equal(outcomes.length, 0, "the config must not run");
  });
});

/** A fake ticket system that only answers options() and counts the calls. */
function countingSystem(options: HelpDeskOptions) {
  const system = {
    calls: 0,
    async options() {
      system.calls++;
      return options;
    },
  };
  return system;
}

const OPTIONS: HelpDeskOptions = {
  queues: [{ name: "Billing" }, { name: "Unclassified" }],
  priorities: [],
  types: [],
  statuses: [],
  fields: [],
};

type Run = Parameters<typeof DecidePipe.process>[0];

function runOf(
  params: unknown,
  system: { options(): Promise<HelpDeskOptions> },
  state: Map<string, unknown>,
  context: PipeContext = emptyContext(),
): Run {
  return {
    id: "decide",
    params: DecidePipe.params.parse(params),
    context,
    services: { ticket_system: system },
    logger: pino({ level: "silent" }),
    signal: new AbortController().signal,
    state,
    once: true,
    runChild: () => Promise.reject(new Error("no children")),
  } as unknown as Run;
}

const policy = { fields: { queue: { threshold: 0.8, fallback: "Unclassified" } } };

describe("DecidePipe.process (counting fake ticket system)", () => {
  it("makes one options request for a cycle of 500 tickets", async () => {
    const system = countingSystem(OPTIONS);
    const state = new Map<string, unknown>();
    for (let i = 0; i < 500; i++) {
      const result = await DecidePipe.process(
        runOf(
          {
            ticket: { id: i, updated_at: "2026-01-01T00:00:00Z" },
            predictions: { queue: { label: "Billing", confidence: 0.9 } },
            policy,
          },
          system,
          state,
        ),
      );
      assert.deepEqual(result.data.changes, { queue: { name: "Billing" } });
    }
    assert.equal(system.calls, 1);
  });

  it("returns decisions, changes, note, ticket_id and ticket_version", async () => {
    const result = await DecidePipe.process(
      runOf(
        {
          ticket: { id: 42, updated_at: "2026-01-02T03:04:05Z" },
          predictions: { queue: { label: "Sales", confidence: 0.9 } },
          policy,
        },
        countingSystem(OPTIONS),
        new Map(),
      ),
    );
    assert.equal(result.succeeded, true);
    assert.equal(result.data.ticket_id, "42");
    assert.equal(result.data.ticket_version, "2026-01-02T03:04:05Z");
    assert.deepEqual(result.data.changes, { queue: { name: "Unclassified" } });
    assert.equal((result.data.decisions as PlannedDecision[])[0]?.outcome, "fallback");
    assert.match(String(result.data.note), /^Open Ticket AI\nqueue: fell back to Unclassified/);
  });

  it("uses the ticket being processed when `ticket` is left out, and refuses to run without one", async () => {
    const context = { ...emptyContext(), ticket: UnifiedTicketSchema.parse({ id: "9", queue: { name: "Billing" } }) };
    const result = await DecidePipe.process(
      runOf(
        { predictions: { queue: { label: "Billing", confidence: 0.9 } }, policy },
        countingSystem(OPTIONS),
        new Map(),
        context,
      ),
    );
    assert.equal(result.data.ticket_id, "9");
    assert.equal(result.data.ticket_version, null);
    assert.equal((result.data.decisions as PlannedDecision[])[0]?.reason, "already set");
    await assert.rejects(
      DecidePipe.process(runOf({ predictions: {}, policy }, countingSystem(OPTIONS), new Map())),
      (error: unknown) => isOtaiError(error, "OTAI_TICKET_INVALID"),
    );
  });
});

describe("cachedOptions (counting fake ticket system)", () => {
  it("fetches again once the options are older than the TTL", async () => {
    const system = countingSystem(OPTIONS);
    const state = new Map<string, unknown>();
    await cachedOptions(state, system, 1_000);
    await cachedOptions(state, system, 1_000 + OPTIONS_TTL_MS - 1);
    assert.equal(system.calls, 1);
    await cachedOptions(state, system, 1_000 + OPTIONS_TTL_MS);
    assert.equal(system.calls, 2);
  });

  it("shares one request between concurrent callers and does not keep a failure", async () => {
    let calls = 0;
    const flaky = {
      options: async (): Promise<HelpDeskOptions> => {
        calls++;
        if (calls === 1) throw new Error("help desk down");
        return OPTIONS;
      },
    };
    const state = new Map<string, unknown>();
    const results = await Promise.allSettled([cachedOptions(state, flaky, 0), cachedOptions(state, flaky, 0)]);
    assert.deepEqual(
      results.map((r) => r.status),
      ["rejected", "rejected"],
    );
    assert.equal(calls, 1);
    assert.deepEqual(await cachedOptions(state, flaky, 1), OPTIONS);
    assert.equal(calls, 2);
  });
});
