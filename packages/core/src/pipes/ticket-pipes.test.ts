import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { createRecorder, createRecordingPlugin, pipelineConfig, runConfig } from "@otai/testkit";

const tickets = [
  {
    id: "1",
    subject: "Invoice wrong",
    body: "invoice 12 is wrong",
    queue: { name: "Incoming" },
    priority: { name: "low" },
    tags: ["x"],
  },
  { id: "2", subject: "VPN down", body: "cannot connect", queue: { name: "Incoming" }, priority: { name: "low" } },
  { id: "3", subject: "Old", body: "already routed", queue: { name: "IT" }, priority: { name: "low" } },
];
const jsonl = `${tickets.map((t) => JSON.stringify(t)).join("\n")}\n`;
const helpdesk = `helpdesk:
  use: base:JsonlTicketSystemService
  params:
    path: tickets.jsonl
    queues: [{ name: Incoming }, { name: Billing }, { name: IT }]
cls:
  use: fake:ScriptedClassifier`;

function readTickets(dir: string) {
  return readFileSync(join(dir, "tickets.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

describe("FetchTicketsPipe, UpdateTicketPipe, AddNotePipe, ClassificationPipe (JSONL help desk, fake classifier)", () => {
  it("fetches by queue, classifies, updates and notes exactly the selected ticket", async () => {
    const recorder = createRecorder();
    const { dir, outcomes } = await runConfig(
      pipelineConfig(
        `- id: fetch
  use: base:FetchTicketsPipe
  injects: { ticket_system: helpdesk }
  params: { ticket_search_criteria: { queue: { name: Incoming }, limit: 10 } }
- id: ticket
  use: base:ExpressionPipe
  params: { expression: "{{ get_pipe_result('fetch','fetched_tickets')[0] }}" }
- id: cls
  use: base:ClassificationPipe
  injects: { classification_service: cls }
  params: { text: "{{ get_pipe_result('ticket')['subject'] }} {{ get_pipe_result('ticket')['body'] }}", model_name: any }
- id: update
  use: base:UpdateTicketPipe
  injects: { ticket_system: helpdesk }
  params:
    ticket_id: "{{ get_pipe_result('ticket')['id'] }}"
    updated_ticket: { queue: { name: "{{ get_pipe_result('cls','label') }}" }, add_tags: [routed] }
- id: note
  use: base:AddNotePipe
  injects: { ticket_system: helpdesk }
  params:
    ticket_id: "{{ get_pipe_result('ticket')['id'] }}"
    note: { subject: Routed, body: "confidence {{ get_pipe_result('cls','confidence')|round(2) }}" }`,
        { services: helpdesk },
      ),
      { plugins: [createRecordingPlugin(recorder)], files: { "tickets.jsonl": jsonl } },
    );
    assert.equal(outcomes[0]?.ok, true, JSON.stringify(outcomes[0]?.incidents.map((i) => i.error.message)));
    const after = readTickets(dir);
    assert.deepEqual(after[0].queue, { name: "Billing" });
    assert.deepEqual(after[0].tags, ["x", "routed"]);
    assert.equal(after[0].notes.length, 1);
    assert.equal(after[0].notes[0].body, "confidence 0.9");
    assert.equal(after[0].notes[0].internal, true);
    assert.deepEqual(after[1], tickets[1]);
    assert.deepEqual(after[2], tickets[2]);
  });

  it("reports a label the help desk does not have as an error and writes nothing", async () => {
    const { dir, outcomes } = await runConfig(
      pipelineConfig(
        `- id: update
  use: base:UpdateTicketPipe
  injects: { ticket_system: helpdesk }
  params: { ticket_id: "2", updated_ticket: { queue: { name: Nonexistent } } }`,
        { services: helpdesk },
      ),
      { plugins: [createRecordingPlugin(createRecorder())], files: { "tickets.jsonl": jsonl } },
    );
    assert.equal(outcomes[0]?.ok, false);
    assert.equal(outcomes[0]?.incidents[0]?.error.code, "OTAI_HELPDESK_INVALID");
    assert.deepEqual(readTickets(dir)[1], tickets[1]);
  });

  it("reports an update of a missing ticket as OTAI_TICKET_NOT_FOUND", async () => {
    const { outcomes } = await runConfig(
      pipelineConfig(
        `- id: update
  use: base:UpdateTicketPipe
  injects: { ticket_system: helpdesk }
  params: { ticket_id: "999", updated_ticket: { subject: x } }`,
        { services: helpdesk },
      ),
      { plugins: [createRecordingPlugin(createRecorder())], files: { "tickets.jsonl": jsonl } },
    );
    assert.equal(outcomes[0]?.incidents[0]?.error.code, "OTAI_TICKET_NOT_FOUND");
  });

  it("rejects garbage from the model as OTAI_MODEL_OUTPUT_INVALID", async () => {
    const { outcomes } = await runConfig(
      pipelineConfig(
        `- id: cls
  use: base:ClassificationPipe
  injects: { classification_service: cls }
  params: { text: hello }`,
        { services: helpdesk },
      ),
      {
        plugins: [createRecordingPlugin(createRecorder(), () => ({ label: 42, confidence: "high" }))],
        files: { "tickets.jsonl": jsonl },
      },
    );
    assert.equal(outcomes[0]?.incidents[0]?.error.code, "OTAI_MODEL_OUTPUT_INVALID");
  });
});
