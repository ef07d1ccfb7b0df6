import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failure, type PipeResult, success } from "../contracts/pipe-result.ts";
import { testPipeRun } from "../engine/_test-engine.ts";
import { SimpleSequentialOrchestrator } from "./simple-sequential-orchestrator.ts";

function runOrchestrator(options: {
  runChild: (step: unknown) => Promise<PipeResult>;
  signal?: AbortSignal;
  once?: boolean;
  alwaysRetry?: boolean;
}) {
  return SimpleSequentialOrchestrator.process(
    testPipeRun(
      { orchestrator_sleep: 1, exception_sleep: 1, always_retry: options.alwaysRetry ?? true, steps: ["a", "b"] },
      {
        signal: options.signal ?? new AbortController().signal,
        once: options.once ?? false,
        runChild: options.runChild,
      },
    ),
  );
}

describe("SimpleSequentialOrchestrator", () => {
  it("runs its steps in a loop until the signal aborts", async () => {
    const controller = new AbortController();
    let cycles = 0;
    const result = await runOrchestrator({
      signal: controller.signal,
      async runChild(step) {
        if (step === "b" && ++cycles === 3) controller.abort();
        return success();
      },
    });
    assert.equal(cycles, 3);
    assert.equal(result.message, "stopped");
  });

  it("runs one cycle under --once and returns the union of the step results", async () => {
    const seen: unknown[] = [];
    const result = await runOrchestrator({
      once: true,
      async runChild(step) {
        seen.push(step);
        return step === "b" ? failure("b failed") : success({ a: 1 });
      },
    });
    assert.deepEqual(seen, ["a", "b"]);
    assert.equal(result.succeeded, false);
    assert.equal(result.message, "b failed");
    assert.deepEqual(result.data, { a: 1 });
  });

  it("retries after exception_sleep when a cycle throws", async () => {
    const controller = new AbortController();
    let calls = 0;
    await runOrchestrator({
      signal: controller.signal,
      async runChild() {
        if (++calls === 3) controller.abort();
        throw new Error("help desk down");
      },
    });
    assert.equal(calls, 3);
  });

  it("re-throws when always_retry is false", async () => {
    await assert.rejects(
      runOrchestrator({
        alwaysRetry: false,
        async runChild() {
          throw new Error("help desk down");
        },
      }),
      /help desk down/,
    );
  });

  it("defaults to OTAI's sleeps (0.01 s and 5 s)", () => {
    const params = SimpleSequentialOrchestrator.params.parse({});
    assert.equal(params.orchestrator_sleep, 10);
    assert.equal(params.exception_sleep, 5000);
    assert.equal(params.always_retry, true);
  });
});
