/**
 * @module @otai/testkit
 * Fakes, fixtures and conformance suites. Everything here is for tests; none of it talks to a real
 * help desk.
 */
export {
  type ConformanceCapabilities,
  type ConformanceSetup,
  runTicketSystemConformance,
} from "./conformance/ticket-system.ts";
export { fakeHfLocalPlugin, fakeOtoboZnunyPlugin } from "./fake-plugins/index.ts";
export * from "./fakes/zendesk/index.ts";
export { PRIORITIES, QUEUES, seedTickets } from "./fixtures/tickets.ts";
export * from "./openapi/index.ts";
export { createRecorder, createRecordingPlugin, type Recorder } from "./recording/recording-plugin.ts";
export { pipelineConfig, type RunConfigOptions, type RunConfigResult, runConfig } from "./run-config.ts";
