/**
 * Shutdown with a help desk that hangs (fake Zendesk, real `otai run`): after SIGTERM no new ticket
 * starts, and when the tickets in flight outlast `engine.shutdown_timeout` the process exits 1 at the
 * deadline instead of hanging.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { startFakeZendesk } from "@otai/testkit";
import { FETCH_INCOMING, incomingSeed } from "./_fake-zendesk-setup.ts";

const BIN = new URL("../bin/otai.js", import.meta.url).pathname;
const REPO = new URL("../../..", import.meta.url).pathname;

const config = (url: string) => `open_ticket_ai:
  plugins: [otai-zendesk]
  services:
    zendesk:
      use: zendesk:ZendeskTicketSystemService
      params: { base_url: "${url}", email: agent@example.test, api_token: fake-api-token, timeout: 60 }
  engine:
    state: { path: state.sqlite }
    shutdown_timeout: PT0.5S
  orchestrator:
    use: base:SimpleSequentialOrchestrator
    params:
      steps:
        - id: runner
          use: base:SimpleSequentialRunner
          params:
            on: { use: base:IntervalTrigger, params: { interval: PT0.01S } }
            run:
              id: route
              use: base:CompositePipe
              params:
                steps:
${FETCH_INCOMING}
                  - id: each
                    use: base:ForEachTicketPipe
                    injects: { ticket_system: zendesk }
                    params:
                      tickets: "{{ get_pipe_result('fetch', 'fetched_tickets') }}"
                      concurrency: 2
                      steps:
                        - id: apply
                          use: base:ApplyDecisionsPipe
                          injects: { ticket_system: zendesk }
                          params:
                            plan: { decisions: [], changes: { queue: { name: Billing } }, note: null }
`;

describe("shutdown deadline (fake Zendesk that hangs on writes, real otai process)", () => {
  it("exits 1 at engine.shutdown_timeout when tickets in flight do not finish, and starts no new ones", async () => {
    const zendesk = await startFakeZendesk({
      seed: incomingSeed(10, (n) => ({ subject: `Ticket ${n}`, body: "text" })),
    });
    zendesk.faults.next({ kind: "delay", ms: 20_000 }, { times: 100, match: { method: "PUT" } });
    const dir = mkdtempSync(join(tmpdir(), "otai-shutdown-"));
    writeFileSync(join(dir, "config.yml"), config(zendesk.url));
    try {
      const child = spawn(process.execPath, [BIN, "run", "--config", join(dir, "config.yml"), "--log-format", "json"], {
        cwd: REPO,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (c: Buffer) => {
        output += c;
      });
      child.stderr.on("data", (c: Buffer) => {
        output += c;
      });
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      while (!zendesk.requests.some((r) => r.method === "PUT")) await new Promise((r) => setTimeout(r, 10));
      const signalled = Date.now();
      child.kill("SIGTERM");
      const code = await exited;
      const took = Date.now() - signalled;
      assert.equal(code, 1, output.slice(-1500));
      assert.ok(took < 5000, `exited ${took} ms after SIGTERM`);
      assert.match(output, /tickets still in flight at the shutdown deadline/);
      assert.equal(zendesk.requests.filter((r) => r.method === "PUT").length, 2, "only the two in flight were started");
    } finally {
      await zendesk.close();
    }
  });
});
