import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { register as globalRegistry, Registry } from "prom-client";
import { TICKET_OUTCOMES } from "./metric-types.ts";
import { createEngineMetrics } from "./metrics.ts";
import { parsePrometheusText, sampleValue } from "./prometheus-text.ts";

describe("engine metrics", () => {
  it("live on their own registry: two sets in one process do not collide, the global one stays empty", async () => {
    const a = createEngineMetrics({ defaultMetrics: false });
    const b = createEngineMetrics({ defaultMetrics: false });
    a.tickets.inc({ outcome: "failed" }, 3);
    b.tickets.inc({ outcome: "failed" });
    const value = async (m: typeof a) =>
      sampleValue(parsePrometheusText((await m.render()).body), "otai_tickets_total", { outcome: "failed" });
    assert.equal(await value(a), 3);
    assert.equal(await value(b), 1);
    assert.equal(globalRegistry.getSingleMetric("otai_tickets_total"), undefined);
  });

  it("have every documented name and type, with ticket outcomes starting at 0", async () => {
    const metrics = createEngineMetrics({ defaultMetrics: false });
    const samples = parsePrometheusText((await metrics.render()).body);
    for (const outcome of TICKET_OUTCOMES) {
      assert.equal(sampleValue(samples, "otai_tickets_total", { outcome }), 0, outcome);
    }
    const text = (await metrics.render()).body;
    for (const [name, type] of [
      ["otai_tickets_total", "counter"],
      ["otai_decisions_total", "counter"],
      ["otai_decision_confidence", "histogram"],
      ["otai_pipeline_duration_seconds", "histogram"],
      ["otai_model_latency_seconds", "histogram"],
      ["otai_helpdesk_requests_total", "counter"],
      ["otai_helpdesk_rate_limited_total", "counter"],
      ["otai_helpdesk_errors_total", "counter"],
      ["otai_helpdesk_request_duration_seconds", "histogram"],
      ["otai_dead_letters_total", "counter"],
      ["otai_webhook_deliveries_total", "counter"],
      ["otai_build_info", "gauge"],
      ["otai_webhook_queue_depth", "gauge"],
    ]) {
      assert.ok(text.includes(`# TYPE ${name} ${type}\n`), `${name} ${type}`);
    }
  });

  it("bucket confidence at 0.1 … 0.9, 0.95, 0.99 and 1", async () => {
    const metrics = createEngineMetrics({ defaultMetrics: false });
    for (const value of [0.05, 0.5, 0.93, 0.995, 1]) metrics.confidence.observe({ field: "priority" }, value);
    const buckets = parsePrometheusText((await metrics.render()).body).filter(
      (s) => s.name === "otai_decision_confidence_bucket",
    );
    assert.deepEqual(
      buckets.map((s) => [s.labels.le, s.value]),
      [
        ["0.1", 1],
        ["0.2", 1],
        ["0.3", 1],
        ["0.4", 1],
        ["0.5", 2],
        ["0.6", 2],
        ["0.7", 2],
        ["0.8", 2],
        ["0.9", 2],
        ["0.95", 3],
        ["0.99", 3],
        ["1", 5],
        ["+Inf", 5],
      ],
    );
  });

  it("time pipelines and models in seconds, and record build info, dead letters and webhook results", async () => {
    const metrics = createEngineMetrics({ defaultMetrics: false, build: { version: "1.2.3", mode: "webhook" } });
    const end = metrics.pipelineSeconds.startTimer({ pipeline: "classify" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = end();
    metrics.modelSeconds.observe({ model: "queue-v3" }, 0.004);
    metrics.deadLetters.inc({ system: "Zendesk" });
    metrics.webhookDeliveries.inc({ system: "zendesk", result: "duplicate" });
    metrics.queueDepth.inc();
    metrics.queueDepth.inc();
    metrics.queueDepth.dec();
    const samples = parsePrometheusText((await metrics.render()).body);
    assert.ok(seconds >= 0.015 && seconds < 1, String(seconds));
    assert.equal(sampleValue(samples, "otai_pipeline_duration_seconds_sum", { pipeline: "classify" }), seconds);
    assert.equal(sampleValue(samples, "otai_model_latency_seconds_bucket", { model: "queue-v3", le: "0.005" }), 1);
    assert.equal(sampleValue(samples, "otai_model_latency_seconds_bucket", { model: "queue-v3", le: "0.0025" }), 0);
    assert.equal(sampleValue(samples, "otai_build_info", { version: "1.2.3", mode: "webhook" }), 1);
    assert.equal(sampleValue(samples, "otai_dead_letters_total", { system: "Zendesk" }), 1);
    assert.equal(sampleValue(samples, "otai_webhook_deliveries_total", { system: "zendesk", result: "duplicate" }), 1);
    assert.equal(sampleValue(samples, "otai_webhook_queue_depth"), 1);
  });

  it("take a prefix and a given registry, and collect the default process metrics unprefixed", async () => {
    const registry = new Registry();
    const metrics = createEngineMetrics({ registry, prefix: "helpdesk_ai_" });
    assert.equal(metrics.registry, registry);
    metrics.tickets.inc({ outcome: "processed" });
    const { contentType, body } = await metrics.render();
    assert.equal(contentType, "text/plain; version=0.0.4; charset=utf-8");
    const samples = parsePrometheusText(body);
    assert.equal(sampleValue(samples, "helpdesk_ai_tickets_total", { outcome: "processed" }), 1);
    assert.equal(sampleValue(samples, "otai_tickets_total", { outcome: "processed" }), undefined);
    assert.ok(
      samples.some((s) => s.name === "process_resident_memory_bytes" || s.name === "nodejs_heap_size_used_bytes"),
    );
  });
});
