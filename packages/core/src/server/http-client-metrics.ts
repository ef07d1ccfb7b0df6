/**
 * @module server/http-client-metrics
 * Turns the HTTP clients' request events (`http/diagnostics.ts`) into the `helpdesk*` metrics.
 */
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import {
  HTTP_ERROR_CHANNEL,
  HTTP_RESPONSE_CHANNEL,
  type HttpErrorEvent,
  type HttpResponseEvent,
} from "../http/diagnostics.ts";
import type { LabelledCounter, LabelledHistogram } from "./metric-types.ts";

/** The metrics this subscriber feeds; see `EngineMetrics` for their names. */
export interface HttpClientMetrics {
  helpdeskRequests: LabelledCounter<{ system: string; method: string; status: string }>;
  helpdeskRateLimited: LabelledCounter<{ system: string }>;
  helpdeskErrors: LabelledCounter<{ system: string; code: string }>;
  helpdeskSeconds: LabelledHistogram<{ system: string; method: string }>;
}

/**
 * Subscribes to both request channels and returns the unsubscribe. A subscriber that throws would
 * surface as an uncaught exception (diagnostics_channel rethrows on the next tick), so a malformed
 * message (another publisher on the channel name) is ignored instead.
 *
 * @example
 * const stop = observeHttpClients(metrics);
 * await zendesk.request({ method: "GET", path: "/tickets.json" }); // otai_helpdesk_requests_total{system="Zendesk",method="GET",status="200"} 1
 * stop();
 */
export function observeHttpClients(metrics: HttpClientMetrics): () => void {
  const onResponse = (message: unknown) => {
    try {
      const { name: system, method, status, ms } = message as HttpResponseEvent;
      if (typeof system !== "string" || typeof method !== "string" || typeof status !== "number") return;
      metrics.helpdeskRequests.inc({ system, method, status: String(status) });
      if (status === 429) metrics.helpdeskRateLimited.inc({ system });
      if (Number.isFinite(ms)) metrics.helpdeskSeconds.observe({ system, method }, ms / 1000);
    } catch {
      // Metrics must never take the engine down.
    }
  };
  const onError = (message: unknown) => {
    try {
      const { name: system, method, code, ms } = message as HttpErrorEvent;
      if (typeof system !== "string" || typeof method !== "string" || typeof code !== "string") return;
      metrics.helpdeskErrors.inc({ system, code });
      if (Number.isFinite(ms)) metrics.helpdeskSeconds.observe({ system, method }, ms / 1000);
    } catch {
      // As above.
    }
  };
  subscribe(HTTP_RESPONSE_CHANNEL, onResponse);
  subscribe(HTTP_ERROR_CHANNEL, onError);
  return () => {
    unsubscribe(HTTP_RESPONSE_CHANNEL, onResponse);
    unsubscribe(HTTP_ERROR_CHANNEL, onError);
  };
}
