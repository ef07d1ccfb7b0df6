import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRecorder, createRecordingPlugin, pipelineConfig, runConfig } from "@otai/testkit";

describe("CompositePipe (with the recording fake plugin)", () => {
  it("runs steps in order and stops at the first failure", async () => {
    const recorder = createRecorder();
    const { outcomes } = await runConfig(
      pipelineConfig(`- id: a
  use: fake:RecordPipe
  params: { value: 1 }
- id: b
  use: fake:RecordPipe
  params: { fail: true }
- id: c
  use: fake:RecordPipe
  params: { value: 3 }`),
      { plugins: [createRecordingPlugin(recorder)] },
    );
    assert.deepEqual(
      recorder.runs.map((r) => r.id),
      ["a", "b"],
    );
    // OTAI's semantics: the union of the steps that succeeded, so a failed guard is not an error.
    assert.equal(outcomes[0]?.ok, true);
    assert.equal(outcomes[0]?.result.succeeded, true);
    assert.equal(outcomes[0]?.result.data.value, 1);
  });

  it("carries on after a skipped step", async () => {
    const recorder = createRecorder();
    await runConfig(
      pipelineConfig(`- id: a
  use: fake:RecordPipe
  params: { skip: true }
- id: b
  use: fake:RecordPipe`),
      { plugins: [createRecordingPlugin(recorder)] },
    );
    assert.deepEqual(
      recorder.runs.map((r) => r.id),
      ["a", "b"],
    );
  });

  it("renders each step when it runs, so later steps see earlier results (lazy rendering)", async () => {
    const recorder = createRecorder();
    await runConfig(
      pipelineConfig(`- id: first
  use: base:ExpressionPipe
  params: { expression: "{{ [1, 2, 3] }}" }
- id: second
  use: base:ExpressionPipe
  params: { expression: "{{ get_pipe_result('first')|length * 10 }}" }
- id: record
  use: fake:RecordPipe
  params: { value: "{{ get_pipe_result('second') }}" }`),
      { plugins: [createRecordingPlugin(recorder)] },
    );
    assert.deepEqual(recorder.runs, [{ id: "record", params: 30 }]);
  });

  it("lets steps read the composite's extra params with get_parent_param", async () => {
    const recorder = createRecorder();
    await runConfig(
      pipelineConfig(
        `- id: record
  use: fake:RecordPipe
  params: { value: "{{ get_parent_param('threshold') }}" }`,
        { compositeParams: "threshold: 0.8" },
      ),
      { plugins: [createRecordingPlugin(recorder)] },
    );
    assert.deepEqual(recorder.runs, [{ id: "record", params: 0.8 }]);
  });

  it("turns a template error into a failed step and an incident, so --once reports it", async () => {
    const recorder = createRecorder();
    const { outcomes } = await runConfig(
      pipelineConfig(`- id: broken
  use: fake:RecordPipe
  params: { value: "{{ get_pipe_result('nowhere') }}" }
- id: after
  use: fake:RecordPipe`),
      { plugins: [createRecordingPlugin(recorder)] },
    );
    assert.equal(recorder.runs.length, 0);
    const outcome = outcomes[0];
    assert.equal(outcome?.ok, false);
    assert.equal(outcome?.incidents[0]?.error.code, "OTAI_TEMPLATE_ERROR");
    assert.match(outcome?.incidents[0]?.error.message ?? "", /config\.yml:\d+:\d+/);
    assert.match(outcome?.incidents[0]?.error.message ?? "", /pipe 'nowhere' has no result/);
  });
});

describe("ExpressionPipe", () => {
  it("returns the native value as data.value and fails on fail()", async () => {
    const recorder = createRecorder();
    await runConfig(
      pipelineConfig(`- id: value
  use: base:ExpressionPipe
  params: { expression: "{{ {'queue': 'Billing', 'score': 0.9, 'tags': ['a']} }}" }
- id: record
  use: fake:RecordPipe
  params: { value: "{{ get_pipe_result('value') }}" }
- id: guard
  use: base:ExpressionPipe
  params: { expression: "{{ fail() if get_pipe_result('value')['score'] < 0.95 else 'ok' }}" }
- id: never
  use: fake:RecordPipe`),
      { plugins: [createRecordingPlugin(recorder)] },
    );
    assert.deepEqual(recorder.runs, [{ id: "record", params: { queue: "Billing", score: 0.9, tags: ["a"] } }]);
  });

  it("passes plain (non-template) values through unchanged", async () => {
    const recorder = createRecorder();
    await runConfig(
      pipelineConfig(`- id: value
  use: base:ExpressionPipe
  params: { expression: [1, "two", { three: 3 }] }
- id: record
  use: fake:RecordPipe
  params: { value: "{{ get_pipe_result('value') }}" }`),
      { plugins: [createRecordingPlugin(recorder)] },
    );
    assert.deepEqual(recorder.runs[0]?.params, [1, "two", { three: 3 }]);
  });
});
