/**
 * The engine end to end against the fake Zendesk, in process: webhooks, modes, and metrics against
 * the decision log.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { type App, createApp, type EngineMode, parsePrometheusText } from "@otai/core";
import { deliverWebhook, type FakeZendesk, startFakeZendesk } from "@otai/testkit";
import zendeskPlugin from "otai-zendesk";
import { BILLING, FETCH_INCOMING, incomingSeed } from "./_fake-zendesk-setup.ts";

const SECRET = "webhook-signing-secret";

const config = (url: string) => `open_ticket_ai:
  services:
    zendesk:
      use: zendesk:ZendeskTicketSystemService
      params: { base_url: "${url}", email: agent@example.test, api_token: fake-api-token, webhook_secret: ${SECRET} }
  engine:
    state: { path: state.sqlite }
    server: { enabled: true, port: 0 }
  orchestrator:
    use: base:SimpleSequentialOrchestrator
    params:
      steps:
        - id: poll
          use: base:SimpleSequentialRunner
          params:
            on: { use: base:IntervalTrigger, params: { interval: PT1H } }
            run:
              id: route
              use: base:CompositePipe
              params:
                steps:
${FETCH_INCOMING}
                  - &each
                    id: each
                    use: base:ForEachTicketPipe
                    injects: { ticket_system: zendesk }
                    params:
                      tickets: "{{ get_pipe_result('fetch', 'fetched_tickets') }}"
                      steps:
                        - id: apply
                          use: base:ApplyDecisionsPipe
                          injects: { ticket_system: zendesk }
                          params:
                            plan:
                              decisions:
                                - { field: queue, predicted: billing, value: Billing, confidence: 0.93, threshold: 0.8, outcome: applied, reason: above threshold }
                                - { field: priority, predicted: high, value: high, confidence: 0.55, threshold: 0.7, outcome: suggested, reason: below threshold }
                              changes: { queue: { name: Billing } }
                              note: "queue: Billing (confidence 0.93, applied)"
        - id: pushed
          use: base:SimpleSequentialRunner
          params:
            on: { id: pushed_trigger, use: base:WebhookTrigger, params: { ticket_system: zendesk } }
            run:
              id: route_pushed
              use: base:CompositePipe
              params:
                steps:
                  - id: fetch
                    use: base:FetchTicketsPipe
                    injects: { ticket_system: zendesk }
                    params: { ticket_ids: "{{ get_pipe_result('pushed_trigger', 'ticket_ids') }}" }
                  - *each
`;

async function setup(options: { mode?: EngineMode; tickets?: number } = {}) {
  const zendesk = await startFakeZendesk({
    seed: incomingSeed(options.tickets ?? 3, (n) => ({
      subject: `Invoice ${n} is wrong`,
      body: `Charged twice for order ${n}`,
    })),
  });
  const dir = mkdtempSync(join(tmpdir(), "otai-engine-"));
  writeFileSync(join(dir, "config.yml"), config(zendesk.url));
  const logs: string[] = [];
  const app = await createApp({
    config: join(dir, "config.yml"),
    cwd: dir,
    once: true,
    discover: false,
    plugins: [zendeskPlugin],
    environment: {},
    logLevel: "INFO",
    logDestination: new Writable({
      write(chunk, _e, done) {
        logs.push(String(chunk));
        done();
      },
    }),
    ...(options.mode ? { mode: options.mode } : {}),
  });
  return { zendesk, app, logs };
}

const writes = (zendesk: FakeZendesk) => zendesk.requests.filter((r) => r.method !== "GET");

async function scrape(app: App, path = "/metrics") {
  const server = app.server();
  assert.ok(server, "the server is running");
  return fetch(`${server.url}${path}`);
}

describe("engine end to end (fake Zendesk)", () => {
  it("a duplicate webhook delivery causes no second write, and our own update's event causes none either", async () => {
    const { zendesk, app } = await setup({ tickets: 1 });
    try {
      await app.run();
      assert.equal(writes(zendesk).length, 1, "the poll routed the one ticket");
      // An agent changes the ticket (a new version) and Zendesk pushes the event, twice.
      zendesk.editTicket(1, { subject: "Invoice 1 is wrong (updated)" });
      const url = `${app.server()?.url}/webhooks/zendesk`;
      const payload = {
        type: "zen:event-type:ticket.group_changed",
        id: "01JEVENT0001",
        subject: "zen:ticket:1",
        detail: { id: "1" },
      };
      const first = await deliverWebhook({ url, secret: SECRET, payload });
      const again = await deliverWebhook({ url, secret: SECRET, payload });
      assert.equal(first.status, 202);
      assert.deepEqual(await first.json(), { accepted: 1, duplicate: 0 });
      assert.deepEqual(await again.json(), { accepted: 0, duplicate: 1 });
      const forged = await deliverWebhook({ url, secret: "wrong", payload: { ...payload, id: "01JFORGED" } });
      assert.equal(forged.status, 401);
      const depth = async () =>
        parsePrometheusText(await (await scrape(app)).text()).find((m) => m.name === "otai_webhook_queue_depth")?.value;
      assert.equal(await depth(), 1, "one ticket waits for the pipeline");
      await app.run();
      assert.equal(await depth(), 0, "the pipeline took it");
      assert.equal(writes(zendesk).length, 2, "one more write for the changed ticket, not two");
      // Zendesk then sends the event of our own update: the ledger knows that version.
      await deliverWebhook({ url, secret: SECRET, payload: { ...payload, id: "01JEVENT0002" } });
      await app.run();
      assert.equal(writes(zendesk).length, 2, "our own change does not trigger another write");
      assert.equal(zendesk.ticket(1)?.group_id, BILLING);
    } finally {
      await app.close();
      await zendesk.close();
    }
  });

  for (const mode of ["dry_run", "shadow"] as const) {
    it(`in ${mode} mode the help desk receives no write request`, async () => {
      const { zendesk, app } = await setup({ mode });
      try {
        await app.run();
        await app.run();
        assert.ok(zendesk.requests.length > 0, "it did read");
        assert.deepEqual(writes(zendesk), []);
        const decisions = await app.store.decisions();
        assert.equal(decisions.length, mode === "shadow" ? 6 : 0, "shadow records each decision once");
      } finally {
        await app.close();
        await zendesk.close();
      }
    });
  }

  it("/metrics parses as Prometheus text and its counters match the decision log; /healthz and /readyz answer", async () => {
    const { zendesk, app } = await setup({ tickets: 5 });
    try {
      await app.run();
      const response = await scrape(app);
      assert.equal(response.status, 200);
      const samples = parsePrometheusText(await response.text());
      const counts = await app.store.decisionCounts();
      assert.ok(counts.length > 0);
      for (const { field, outcome, count } of counts) {
        const sample = samples.find(
          (s) => s.name === "otai_decisions_total" && s.labels.field === field && s.labels.outcome === outcome,
        );
        assert.equal(sample?.value, count, `otai_decisions_total{field=${field},outcome=${outcome}}`);
      }
      const processed = samples.find((s) => s.name === "otai_tickets_total" && s.labels.outcome === "processed");
      assert.equal(processed?.value, 5);
      const puts = samples
        .filter((s) => s.name === "otai_helpdesk_requests_total" && s.labels.method === "PUT")
        .reduce((sum, s) => sum + s.value, 0);
      assert.equal(puts, writes(zendesk).length);
      assert.equal((await scrape(app, "/healthz")).status, 200);
      const ready = await scrape(app, "/readyz");
      assert.equal(ready.status, 200, await ready.clone().text());
    } finally {
      await app.close();
      await zendesk.close();
    }
  });

  it("on stop, no new ticket starts, the ones in flight finish, and no intent is left open", async () => {
    const { zendesk, app } = await setup({ tickets: 12 });
    try {
      zendesk.faults.next({ kind: "delay", ms: 150 }, { times: 100, match: { method: "PUT" } });
      const running = app.run();
      // Stop once the first writes are on their way (4 tickets run at a time).
      while (!zendesk.requests.some((r) => r.method === "PUT")) await new Promise((r) => setTimeout(r, 5));
      app.stop();
      await running;
      const written = writes(zendesk).filter((r) => r.status === 200).length;
      assert.ok(written >= 1 && written <= 4, `only the tickets in flight finished (${written})`);
      assert.deepEqual(await app.store.openIntents(), [], "every started write was completed");
      assert.equal(zendesk.tickets().filter((t) => t.group_id === BILLING).length, written);
    } finally {
      await app.close();
      await zendesk.close();
    }
  });
});
