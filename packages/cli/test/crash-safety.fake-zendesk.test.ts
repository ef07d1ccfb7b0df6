/**
 * Crash safety, end to end against the fake Zendesk: `otai run` is killed with SIGKILL at random points
 * while it routes 500 tickets, and restarted, several times. In the end every ticket carries exactly one
 * write of ours: none lost, none doubled.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type FakeZendesk, startFakeZendesk } from "@otai/testkit";
import { BILLING, INCOMING, incomingSeed, spawnOtaiRun, writeRouteConfig } from "./_fake-zendesk-setup.ts";

const TICKETS = 500;

const EACH_STEPS = `                        - id: apply
                          use: base:ApplyDecisionsPipe
                          injects: { ticket_system: zendesk }
                          params:
                            plan:
                              decisions:
                                - { field: queue, predicted: Billing, value: Billing, confidence: 0.9, threshold: 0.8, outcome: applied, reason: test }
                              changes: { queue: { name: Billing } }
                              note: "routed by the crash test"`;

function seed(): Parameters<typeof startFakeZendesk>[0] {
  return {
    rateLimits: { perMinute: 1_000_000, updateTicketPerMinute: 1_000_000, searchExportPerMinute: 1_000_000 },
    seed: incomingSeed(TICKETS, (n) => ({ subject: `Ticket ${n}`, body: `Body of ticket ${n}` })),
  };
}

const landedWrites = (zendesk: FakeZendesk) => {
  const perTicket = new Map<string, number>();
  for (const r of zendesk.requests) {
    const id = /^\/api\/v2\/tickets\/(\d+)(?:\.json)?$/.exec(r.path)?.[1];
    if (r.method === "PUT" && id && r.status === 200) perTicket.set(id, (perTicket.get(id) ?? 0) + 1);
  }
  return perTicket;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("crash safety (fake Zendesk, real otai processes killed with SIGKILL)", () => {
  it("every one of 500 tickets is updated exactly once across random SIGKILLs and restarts", {
    timeout: 180_000,
  }, async () => {
    const zendesk = await startFakeZendesk(seed());
    const dir = writeRouteConfig(zendesk.url, {
      eachParams: "                      concurrency: 8",
      eachSteps: EACH_STEPS,
    });
    // A seeded sequence, so a failure can be replayed.
    let state = 20261201;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    try {
      let kills = 0;
      let killedMidRun = 0;
      for (let round = 0; round < 6; round++) {
        const before = landedWrites(zendesk).size;
        const run = spawnOtaiRun(dir);
        // Wait until this process has written at least once, then kill it a random moment later.
        const deadline = Date.now() + 30_000;
        while (landedWrites(zendesk).size === before && Date.now() < deadline) await sleep(5);
        await sleep(Math.floor(random() * 120));
        run.child.kill("SIGKILL");
        await run.exited;
        kills++;
        if (landedWrites(zendesk).size < TICKETS) killedMidRun++;
        if (landedWrites(zendesk).size >= TICKETS) break;
      }
      // The last process runs until everything is routed, then stops on SIGTERM.
      const last = spawnOtaiRun(dir);
      const deadline = Date.now() + 60_000;
      while (zendesk.tickets().some((t) => t.group_id === INCOMING) && Date.now() < deadline) await sleep(20);
      await sleep(200);
      last.child.kill("SIGTERM");
      assert.equal(await last.exited, 0, last.output().slice(-2000));

      assert.ok(kills >= 3 && killedMidRun >= 3, `killed mid-run ${killedMidRun} times`);
      const writes = landedWrites(zendesk);
      const counts = [...writes.values()];
      assert.equal(writes.size, TICKETS, "every ticket was written");
      assert.deepEqual(
        counts.filter((n) => n !== 1),
        [],
        "no ticket was written twice",
      );
      for (const ticket of zendesk.tickets()) {
        assert.equal(ticket.group_id, BILLING, `ticket ${ticket.id} routed`);
        const ours = zendesk.comments(ticket.id).filter((c) => (c.body ?? "").includes("routed by the crash test"));
        assert.equal(ours.length, 1, `ticket ${ticket.id} has exactly one note of ours`);
      }
    } finally {
      await zendesk.close();
    }
  });
});
