/**
 * @module server
 * The engine's HTTP server (`/healthz`, `/readyz`, `/metrics`, webhooks) and its Prometheus metrics.
 * Files prefixed `_` stay internal.
 */
export { type BearerResult, bearerChecker } from "./bearer-auth.ts";
export { type HttpClientMetrics, observeHttpClients } from "./http-client-metrics.ts";
export {
  type EngineServer,
  type EngineServerOptions,
  startEngineServer,
  type WebhookHandler,
} from "./http-server.ts";
export {
  DECISION_OUTCOMES,
  type LabelledCounter,
  type LabelledGauge,
  type LabelledHistogram,
  type PlainGauge,
  TICKET_OUTCOMES,
  WEBHOOK_RESULTS,
  type WebhookResult,
} from "./metric-types.ts";
export { createEngineMetrics, type EngineMetrics, type EngineMetricsOptions } from "./metrics.ts";
export {
  type PrometheusSample,
  type PrometheusType,
  parsePrometheusText,
  sampleValue,
} from "./prometheus-text.ts";
export { BodyTooLargeError, readBody } from "./read-body.ts";
export { type CheckOutcome, type ReadinessCheck, type ReadinessReport, runReadiness } from "./readiness.ts";
