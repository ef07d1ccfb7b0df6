import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testPipeRun } from "../engine/_test-engine.ts";
import { IntervalTrigger } from "./interval-trigger.ts";

function runTrigger(state: Map<string, unknown>, interval: number, once = false) {
  return IntervalTrigger.process(testPipeRun({ interval }, { state, once }));
}

describe("IntervalTrigger", () => {
  it("fires first one interval after it is first seen, as in OTAI, then once per interval", async () => {
    const state = new Map<string, unknown>();
    assert.equal((await runTrigger(state, 40)).succeeded, false);
    assert.equal((await runTrigger(state, 40)).succeeded, false);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal((await runTrigger(state, 40)).succeeded, true);
    assert.equal((await runTrigger(state, 40)).succeeded, false);
  });

  it("fires at once under --once", async () => {
    assert.equal((await runTrigger(new Map(), 3_600_000, true)).succeeded, true);
  });

  it("accepts ISO-8601 durations as its interval", () => {
    assert.deepEqual(IntervalTrigger.params.parse({ interval: "PT0.5S" }), { interval: 500 });
    assert.equal(IntervalTrigger.params.safeParse({ interval: "soon" }).success, false);
  });
});
