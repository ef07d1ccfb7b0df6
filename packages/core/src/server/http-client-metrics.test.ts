import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sendJson, startServer, type TestServer } from "../http/_test-support.ts";
import { createHttpClient } from "../http/client.ts";
import { httpErrorChannel, httpResponseChannel } from "../http/diagnostics.ts";
import { createEngineMetrics } from "./metrics.ts";
import { parsePrometheusText, sampleValue } from "./prometheus-text.ts";

describe("help-desk request events feed the helpdesk metrics", () => {
  let server: TestServer;
  let closedPort: number;
  let limited = 0;

  before(async () => {
    server = await startServer((req, res) => {
      const path = (req.url ?? "").split("?")[0];
      if (path === "/limited" && limited++ === 0) return sendJson(res, 429, {}, { "retry-after": "0" });
      if (path === "/missing") return sendJson(res, 404, { error: "RecordNotFound" });
      return sendJson(res, 200, { ok: true });
    });
    const dead = await startServer(() => {});
    await dead.close();
    closedPort = dead.port;
  });
  after(() => server.close());

  it("counts responses by system, method and status, 429s as rate limited, failures by code (local test server)", async () => {
    const metrics = createEngineMetrics({ defaultMetrics: false });
    const stop = metrics.observeHttpClients();
    const zendesk = createHttpClient({ baseUrl: server.url, name: "Zendesk", sleep: async () => {} });
    const dead = createHttpClient({
      baseUrl: `http://127.0.0.1:${closedPort}`,
      name: "Zammad",
      sleep: async () => {},
      retries: { max: 0 },
    });
    try {
      await zendesk.request({ method: "GET", path: "/tickets.json" });
      await zendesk.request({ method: "GET", path: "/tickets.json" });
      await zendesk.request({ method: "PUT", path: "/limited", body: {} });
      await assert.rejects(zendesk.request({ method: "GET", path: "/missing" }));
      await assert.rejects(dead.request({ method: "GET", path: "/tickets" }));
    } finally {
      stop();
      await zendesk.close();
      await dead.close();
    }
    const samples = parsePrometheusText((await metrics.render()).body);
    const requests = (labels: Record<string, string>) => sampleValue(samples, "otai_helpdesk_requests_total", labels);
    assert.equal(requests({ system: "Zendesk", method: "GET", status: "200" }), 2);
    assert.equal(requests({ system: "Zendesk", method: "PUT", status: "429" }), 1);
    assert.equal(requests({ system: "Zendesk", method: "PUT", status: "200" }), 1);
    assert.equal(requests({ system: "Zendesk", method: "GET", status: "404" }), 1);
    assert.equal(sampleValue(samples, "otai_helpdesk_rate_limited_total", { system: "Zendesk" }), 1);
    assert.equal(sampleValue(samples, "otai_helpdesk_errors_total", { system: "Zammad", code: "ECONNREFUSED" }), 1);
    assert.equal(
      sampleValue(samples, "otai_helpdesk_request_duration_seconds_count", { system: "Zendesk", method: "GET" }),
      3,
    );
    assert.equal(
      sampleValue(samples, "otai_helpdesk_request_duration_seconds_count", { system: "Zammad", method: "GET" }),
      1,
    );
  });

  it("stops counting after the unsubscribe, and a second observe call does not count twice", async () => {
    const metrics = createEngineMetrics({ defaultMetrics: false });
    const first = metrics.observeHttpClients();
    const second = metrics.observeHttpClients();
    assert.equal(first, second);
    const client = createHttpClient({ baseUrl: server.url, name: "Freshdesk" });
    try {
      await client.request({ method: "GET", path: "/ok" });
      first();
      assert.equal(httpResponseChannel.hasSubscribers, false);
      assert.equal(httpErrorChannel.hasSubscribers, false);
      await client.request({ method: "GET", path: "/ok" });
    } finally {
      await client.close();
    }
    const samples = parsePrometheusText((await metrics.render()).body);
    assert.equal(
      sampleValue(samples, "otai_helpdesk_requests_total", { system: "Freshdesk", method: "GET", status: "200" }),
      1,
    );
  });

  it("ignores a malformed message instead of throwing from the subscriber", async () => {
    const metrics = createEngineMetrics({ defaultMetrics: false });
    const stop = metrics.observeHttpClients();
    try {
      // A subscriber's throw would become an uncaught exception on the next tick.
      httpResponseChannel.publish(null);
      httpErrorChannel.publish({ name: "X", method: "GET", code: undefined, ms: "soon" });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      stop();
    }
    const body = (await metrics.render()).body;
    assert.doesNotThrow(() => parsePrometheusText(body));
    assert.ok(!body.includes('system="X"'), "no series from a malformed message");
  });
});
