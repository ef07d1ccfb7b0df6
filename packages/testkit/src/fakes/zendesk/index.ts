/**
 * @module fakes/zendesk
 * A fake Zendesk Support API for adapter tests.
 */
export { zendeskBasicAuth } from "./auth.ts";
export { type FakeZendesk, startFakeZendesk } from "./fake-zendesk.ts";
export type { Fault, FaultControl, FaultMatch, RandomFaults } from "./faults.ts";
export type { JobResult, JobState, ZendeskJob } from "./jobs.ts";
export {
  DEFAULT_CREDENTIALS,
  DEFAULT_QUIRKS,
  DEFAULT_RATE_LIMITS,
  type FakeZendeskOptions,
  type ZendeskCredentials,
  type ZendeskJobLifecycle,
  type ZendeskQuirks,
  type ZendeskRateLimits,
} from "./options.ts";
export type { RecordedRequest } from "./request-log.ts";
export { parseSearchQuery, type SearchQuery, type SearchTerm } from "./search-query.ts";
export { loadZendeskOpenApi, ZENDESK_OAS_PATH } from "./spec.ts";
export { fakeZendeskClient, type RawResponse } from "./test-client.ts";
export type * from "./types.ts";
export { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from "./types.ts";
export { deliverWebhook, signWebhook, type WebhookDelivery } from "./webhooks.ts";
