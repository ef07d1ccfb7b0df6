import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRecorder, createRecordingPlugin, runConfig } from "@otai/testkit";

const config = (on: string) => `open_ticket_ai:
  orchestrator:
    use: base:SimpleSequentialOrchestrator
    params:
      steps:
        - id: runner
          use: base:SimpleSequentialRunner
          params:
            on: ${on}
            run: { id: work, use: fake:RecordPipe, params: { value: ran } }
`;

describe("SimpleSequentialRunner (with the recording fake plugin)", () => {
  it("runs `run` when `on` succeeds", async () => {
    const recorder = createRecorder();
    const { outcomes } = await runConfig(config("{ id: gate, use: fake:RecordPipe }"), {
      plugins: [createRecordingPlugin(recorder)],
    });
    assert.deepEqual(
      recorder.runs.map((r) => r.id),
      ["gate", "work"],
    );
    assert.equal(outcomes[0]?.result.data.value, "ran");
  });

  it("is skipped, without running `run`, when `on` fails", async () => {
    const recorder = createRecorder();
    const { outcomes } = await runConfig(config("{ id: gate, use: fake:RecordPipe, params: { fail: true } }"), {
      plugins: [createRecordingPlugin(recorder)],
    });
    assert.deepEqual(
      recorder.runs.map((r) => r.id),
      ["gate"],
    );
    assert.equal(outcomes[0]?.result.was_skipped, false); // the orchestrator's union starts from "not skipped"
    assert.equal(outcomes[0]?.ok, true);
  });

  it("keeps a trigger's state between cycles of one app (the interval is not due on the second cycle)", async () => {
    const recorder = createRecorder();
    await runConfig(config("{ id: interval, use: base:IntervalTrigger, params: { interval: PT1H } }"), {
      plugins: [createRecordingPlugin(recorder)],
      cycles: 2,
    });
    // --once fires triggers at once on every cycle; the state it keeps is what a long run relies on.
    assert.equal(recorder.runs.length, 2);
  });
});
