/**
 * @module server/metrics
 * The engine's Prometheus metrics, on a registry of their own (not prom-client's global one), so that
 * tests and several apps in one process never collide.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { observeHttpClients } from "./http-client-metrics.ts";
import {
  type DecisionOutcome,
  type LabelledCounter,
  type LabelledGauge,
  type LabelledHistogram,
  type PlainGauge,
  TICKET_OUTCOMES,
  type TicketOutcome,
  type WebhookResult,
} from "./metric-types.ts";

export interface EngineMetricsOptions {
  /** Where the metrics are registered; a new registry by default. */
  registry?: Registry;
  /** Prepended to every engine metric's name. Default `otai_`. */
  prefix?: string;
  /**
   * Also collect prom-client's default process metrics (CPU, memory, event loop lag, GC) into the
   * registry, unprefixed as dashboards expect them. Default true.
   */
  defaultMetrics?: boolean;
  /** Sets `otai_build_info{version,mode}` to 1 at once. */
  build?: { version: string; mode: string };
}

/** The engine's metrics. Every label is required; closed label sets are typed (see `metric-types.ts`). */
export interface EngineMetrics {
  readonly registry: Registry;
  /** `otai_tickets_total{outcome}` */
  readonly tickets: LabelledCounter<{ outcome: TicketOutcome }>;
  /** `otai_decisions_total{field,outcome}` */
  readonly decisions: LabelledCounter<{ field: string; outcome: DecisionOutcome }>;
  /** `otai_decision_confidence{field}`, the model's confidence in [0, 1]. */
  readonly confidence: LabelledHistogram<{ field: string }>;
  /** `otai_pipeline_duration_seconds{pipeline}`, one observation per ticket sub-pipeline run. */
  readonly pipelineSeconds: LabelledHistogram<{ pipeline: string }>;
  /** `otai_model_latency_seconds{model}` */
  readonly modelSeconds: LabelledHistogram<{ model: string }>;
  /** `otai_helpdesk_requests_total{system,method,status}`, one per attempt that got a response. */
  readonly helpdeskRequests: LabelledCounter<{ system: string; method: string; status: string }>;
  /** `otai_helpdesk_rate_limited_total{system}`, 429 answers. */
  readonly helpdeskRateLimited: LabelledCounter<{ system: string }>;
  /** `otai_helpdesk_errors_total{system,code}`, attempts that failed without a response. */
  readonly helpdeskErrors: LabelledCounter<{ system: string; code: string }>;
  /** `otai_helpdesk_request_duration_seconds{system,method}`, per attempt, failed ones included. */
  readonly helpdeskSeconds: LabelledHistogram<{ system: string; method: string }>;
  /** `otai_dead_letters_total{system}` */
  readonly deadLetters: LabelledCounter<{ system: string }>;
  /** `otai_webhook_deliveries_total{system,result}` */
  readonly webhookDeliveries: LabelledCounter<{ system: string; result: WebhookResult }>;
  /** `otai_build_info{version,mode}`, always 1. */
  readonly info: LabelledGauge<{ version: string; mode: string }>;
  /** `otai_webhook_queue_depth`, deliveries accepted but not yet processed. */
  readonly queueDepth: PlainGauge;
  /** The registry in Prometheus text format, with the content type to answer with. */
  render(): Promise<{ contentType: string; body: string }>;
  /**
   * Feeds the `helpdesk*` metrics from every HTTP client's request events (the `otai:http:*`
   * diagnostics channels). Returns the unsubscribe; a second call while observing returns the same one.
   */
  observeHttpClients(): () => void;
}

const CONFIDENCE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1];
const PIPELINE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const MODEL_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const HELPDESK_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * Creates the engine's metrics on their own registry.
 *
 * @example
 * const metrics = createEngineMetrics({ build: { version: "0.1.0", mode: "poll" } });
 * const stop = metrics.observeHttpClients();
 * metrics.tickets.inc({ outcome: "processed" });
 * const { contentType, body } = await metrics.render(); // body has `otai_tickets_total{outcome="processed"} 1`
 * stop();
 */
export function createEngineMetrics(options: EngineMetricsOptions = {}): EngineMetrics {
  const registry = options.registry ?? new Registry();
  const prefix = options.prefix ?? "otai_";
  const registers = [registry];
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  const counter = <T extends string>(name: string, help: string, labelNames: readonly T[]) =>
    new Counter<T>({ name: prefix + name, help, labelNames, registers });
  const histogram = <T extends string>(name: string, help: string, labelNames: readonly T[], buckets: number[]) =>
    new Histogram<T>({ name: prefix + name, help, labelNames, buckets, registers });

  const tickets = counter("tickets_total", "Tickets handled, by outcome.", ["outcome"]);
  // Known outcomes start at 0, so rate() and alerts work before the first failure ever happens.
  for (const outcome of TICKET_OUTCOMES) tickets.inc({ outcome }, 0);

  const helpdeskRequests = counter(
    "helpdesk_requests_total",
    "Help-desk API attempts that got a response, by status.",
    ["system", "method", "status"],
  );
  const helpdeskRateLimited = counter("helpdesk_rate_limited_total", "Help-desk answers with status 429.", ["system"]);
  const helpdeskErrors = counter(
    "helpdesk_errors_total",
    "Help-desk API attempts that failed without a response, by error code.",
    ["system", "code"],
  );
  const helpdeskSeconds = histogram(
    "helpdesk_request_duration_seconds",
    "Duration of one help-desk API attempt, failed ones included.",
    ["system", "method"],
    HELPDESK_BUCKETS,
  );
  const info = new Gauge<"version" | "mode">({
    name: `${prefix}build_info`,
    help: "The engine's version and run mode; always 1.",
    labelNames: ["version", "mode"],
    registers,
  });
  if (options.build) info.set({ version: options.build.version, mode: options.build.mode }, 1);

  let unsubscribe: (() => void) | undefined;

  return {
    registry,
    tickets,
    decisions: counter("decisions_total", "Field decisions, by field and outcome.", ["field", "outcome"]),
    confidence: histogram(
      "decision_confidence",
      "The model's confidence in its prediction, by field.",
      ["field"],
      CONFIDENCE_BUCKETS,
    ),
    pipelineSeconds: histogram(
      "pipeline_duration_seconds",
      "Duration of one ticket sub-pipeline run.",
      ["pipeline"],
      PIPELINE_BUCKETS,
    ),
    modelSeconds: histogram("model_latency_seconds", "Duration of one model prediction.", ["model"], MODEL_BUCKETS),
    helpdeskRequests,
    helpdeskRateLimited,
    helpdeskErrors,
    helpdeskSeconds,
    deadLetters: counter("dead_letters_total", "Tickets moved to the dead-letter list.", ["system"]),
    webhookDeliveries: counter("webhook_deliveries_total", "Webhook deliveries, by result.", ["system", "result"]),
    info,
    queueDepth: new Gauge({
      name: `${prefix}webhook_queue_depth`,
      help: "Webhook deliveries accepted but not yet processed.",
      registers,
    }),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    observeHttpClients() {
      if (unsubscribe) return unsubscribe;
      const stop = observeHttpClients({ helpdeskRequests, helpdeskRateLimited, helpdeskErrors, helpdeskSeconds });
      const once = () => {
        if (unsubscribe !== once) return;
        unsubscribe = undefined;
        stop();
      };
      unsubscribe = once;
      return once;
    },
  };
}
