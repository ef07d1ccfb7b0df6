/**
 * @module engine/observer
 * The engine's events, counted in its Prometheus metrics.
 */
import type { EngineObserver } from "../contracts/engine.ts";
import { DECISION_OUTCOMES, type DecisionOutcome } from "../server/metric-types.ts";
import type { EngineMetrics } from "../server/metrics.ts";

const isDecisionOutcome = (value: string): value is DecisionOutcome =>
  (DECISION_OUTCOMES as readonly string[]).includes(value);

export function metricsObserver(metrics: EngineMetrics): EngineObserver {
  return {
    ticket: (outcome) => metrics.tickets.inc({ outcome }),
    decision(field, outcome, confidence) {
      if (!isDecisionOutcome(outcome)) return;
      metrics.decisions.inc({ field, outcome });
      if (confidence !== null && Number.isFinite(confidence)) metrics.confidence.observe({ field }, confidence);
    },
    pipelineSeconds: (pipeline, seconds) => metrics.pipelineSeconds.observe({ pipeline }, seconds),
    modelSeconds: (model, seconds) => metrics.modelSeconds.observe({ model }, seconds),
    deadLetter: (system) => metrics.deadLetters.inc({ system }),
    webhook: (system, result) => metrics.webhookDeliveries.inc({ system, result }),
    inboxDepth: (depth) => metrics.queueDepth.set(depth),
  };
}
