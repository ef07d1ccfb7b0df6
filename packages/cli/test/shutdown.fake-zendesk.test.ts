/**
 * Shutdown with a help desk that hangs (fake Zendesk, real `otai run`): after SIGTERM no new ticket
 * starts, and when the tickets in flight outlast `engine.shutdown_timeout` the process exits 1 at the
 * deadline instead of hanging.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startFakeZendesk } from "@otai/testkit";
import { incomingSeed, spawnOtaiRun, writeRouteConfig } from "./_fake-zendesk-setup.ts";

const EACH_STEPS = `                        - id: apply
                          use: base:ApplyDecisionsPipe
                          injects: { ticket_system: zendesk }
                          params:
                            plan: { decisions: [], changes: { queue: { name: Billing } }, note: null }`;

describe("shutdown deadline (fake Zendesk that hangs on writes, real otai process)", () => {
  it("exits 1 at engine.shutdown_timeout when tickets in flight do not finish, and starts no new ones", async () => {
    const zendesk = await startFakeZendesk({
      seed: incomingSeed(10, (n) => ({ subject: `Ticket ${n}`, body: "text" })),
    });
    zendesk.faults.next({ kind: "delay", ms: 20_000 }, { times: 100, match: { method: "PUT" } });
    const dir = writeRouteConfig(zendesk.url, {
      engine: "    shutdown_timeout: PT0.5S",
      zendeskParams: ", timeout: 60",
      eachParams: "                      concurrency: 2",
      eachSteps: EACH_STEPS,
    });
    try {
      const run = spawnOtaiRun(dir);
      while (!zendesk.requests.some((r) => r.method === "PUT")) await new Promise((r) => setTimeout(r, 10));
      const signalled = Date.now();
      run.child.kill("SIGTERM");
      const code = await run.exited;
      const took = Date.now() - signalled;
      assert.equal(code, 1, run.output().slice(-1500));
      assert.ok(took < 5000, `exited ${took} ms after SIGTERM`);
      assert.match(run.output(), /tickets still in flight at the shutdown deadline/);
      assert.equal(zendesk.requests.filter((r) => r.method === "PUT").length, 2, "only the two in flight were started");
    } finally {
      await zendesk.close();
    }
  });
});
