import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRecorder, createRecordingPlugin, pipelineConfig, runConfig } from "@otai/testkit";

describe("service container (with the recording fake plugin)", () => {
  it("creates each service once, shares it between pipes and cycles, and closes it on shutdown", async () => {
    const recorder = createRecorder();
    await runConfig(
      pipelineConfig(
        `- id: a
  use: fake:UsesServicePipe
  injects: { dependency: shared }
- id: b
  use: fake:UsesServicePipe
  injects: { dependency: shared }`,
        { services: "shared:\n  use: fake:CountedService" },
      ),
      { plugins: [createRecordingPlugin(recorder)], cycles: 3 },
    );
    assert.equal(recorder.created, 1);
    assert.equal(recorder.closed, 1);
  });

  it("refuses to start when a pipe injects a service of the wrong kind", async () => {
    await assert.rejects(
      runConfig(
        pipelineConfig(
          `- id: fetch
  use: base:FetchTicketsPipe
  injects: { ticket_system: shared }`,
          { services: "shared:\n  use: fake:CountedService" },
        ),
        { plugins: [createRecordingPlugin(createRecorder())] },
      ),
      (error: Error & { code?: string }) =>
        error.code === "OTAI_CONFIG_INVALID" &&
        /service 'shared' is a service, but 'ticket_system' needs a ticket-system/.test(error.message),
    );
  });
});
