import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import { testPipeRun } from "../engine/_test-engine.ts";
import { CronTrigger } from "./cron-trigger.ts";

const run = (state: Map<string, unknown>, cron: string, once = false) =>
  CronTrigger.process(testPipeRun({ cron }, { state, once }));

describe("CronTrigger", () => {
  it("fires when the schedule comes due, and folds ticks missed during a long cycle into one fire", async () => {
    mock.timers.enable({ apis: ["Date"], now: new Date("2026-12-01T10:00:30Z") });
    try {
      const state = new Map<string, unknown>();
      assert.equal((await run(state, "* * * * *")).succeeded, false, "not before 10:01");
      mock.timers.tick(30_000);
      const fired = await run(state, "* * * * *");
      assert.equal(fired.succeeded, true);
      assert.equal(fired.data.scheduled_for, "2026-12-01T10:01:00.000Z");
      assert.equal((await run(state, "* * * * *")).succeeded, false, "once per tick");
      mock.timers.tick(5 * 60_000); // a cycle that took five minutes
      assert.equal((await run(state, "* * * * *")).succeeded, true);
      assert.equal((await run(state, "* * * * *")).succeeded, false, "the missed ticks do not pile up");
    } finally {
      mock.timers.reset();
    }
  });

  it("fires at once under --once, and rejects a bad expression with a config error", async () => {
    assert.equal((await run(new Map(), "0 3 * * *", true)).succeeded, true);
    await assert.rejects(run(new Map(), "not a cron"), { code: "OTAI_CONFIG_INVALID" });
  });
});
