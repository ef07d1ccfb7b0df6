/**
 * @module server/metric-types
 * The label sets of the engine's metrics, and narrow views of prom-client's metric classes that
 * require exactly those labels, so a typo in a label name or an outcome fails the type check instead
 * of creating a new time series.
 */

/** What happened to one ticket in one run. */
export const TICKET_OUTCOMES = ["processed", "unchanged", "failed", "dead_letter", "conflict", "deferred"] as const;
/**
 * - `processed`: the pipeline ran and its writes went through;
 * - `unchanged`: skipped, already processed in this state;
 * - `failed`: the run failed and will be retried;
 * - `dead_letter`: given up on, moved to the dead-letter list;
 * - `conflict`: the help desk reported a conflicting edit;
 * - `deferred`: a retry's backoff was not due yet.
 */
export type TicketOutcome = (typeof TICKET_OUTCOMES)[number];

/** What happened to one predicted field of one ticket. */
export const DECISION_OUTCOMES = ["applied", "flagged", "suggested", "fallback", "skipped", "failed"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** What the engine did with one webhook delivery. */
export const WEBHOOK_RESULTS = ["accepted", "duplicate", "rejected"] as const;
export type WebhookResult = (typeof WEBHOOK_RESULTS)[number];

/**
 * A counter that takes exactly the labels `L`.
 *
 * @example
 * metrics.tickets.inc({ outcome: "processed" });
 */
export interface LabelledCounter<L extends Record<string, string>> {
  inc(labels: L, value?: number): void;
}

/**
 * A histogram that takes exactly the labels `L`; values in seconds unless its name says otherwise.
 *
 * @example
 * const end = metrics.pipelineSeconds.startTimer({ pipeline: "classify" });
 * await runPipeline();
 * end();
 */
export interface LabelledHistogram<L extends Record<string, string>> {
  observe(labels: L, value: number): void;
  /** Starts a timer; calling the result observes the seconds since and returns them. */
  startTimer(labels: L): () => number;
}

/**
 * A gauge that takes exactly the labels `L`.
 *
 * @example
 * metrics.info.set({ version: "0.1.0", mode: "poll" }, 1);
 */
export interface LabelledGauge<L extends Record<string, string>> {
  set(labels: L, value: number): void;
}

/**
 * A gauge without labels.
 *
 * @example
 * metrics.queueDepth.set(queue.length);
 */
export interface PlainGauge {
  set(value: number): void;
  inc(value?: number): void;
  dec(value?: number): void;
}
