import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Agent, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { isOtaiError } from "../errors.ts";
import { captureLogs, send } from "./_test-support.ts";
import { type EngineServer, startEngineServer, type WebhookHandler } from "./http-server.ts";
import { createEngineMetrics } from "./metrics.ts";
import { parsePrometheusText, sampleValue } from "./prometheus-text.ts";
import type { ReadinessCheck } from "./readiness.ts";

const TOKEN = "metrics-T0ken-4b1c9e0f77";
const okCheck = (name: string): ReadinessCheck => ({ name, check: async () => ({ ok: true }) });

describe("engine server: routes, auth and bind address", () => {
  const metrics = createEngineMetrics({ build: { version: "0.1.0", mode: "poll" } });
  const { logger, lines } = captureLogs();
  let server: EngineServer;

  before(async () => {
    server = await startEngineServer({ port: 0, token: TOKEN, metrics, readiness: [okCheck("store")], logger });
  });
  after(() => server.close());

  it("binds to 127.0.0.1 by default", () => {
    assert.equal(server.address.address, "127.0.0.1");
    assert.equal(server.address.family, "IPv4");
    assert.equal(server.url, `http://127.0.0.1:${server.port}`);
    assert.ok(server.port > 0);
  });

  it("answers /healthz without credentials", async () => {
    const res = await send(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { status: "ok" });
    assert.match(String(res.headers["content-type"]), /^application\/json/);
    assert.equal(res.headers["cache-control"], "no-store");
  });

  it("requires the bearer token on /metrics and /readyz: none or a wrong one is 401 with a challenge", async () => {
    for (const path of ["/metrics", "/readyz"]) {
      const none = await send(`${server.url}${path}`);
      assert.equal(none.status, 401, path);
      assert.equal(none.headers["www-authenticate"], 'Bearer realm="otai"');
      assert.deepEqual(none.json(), { error: "unauthorized" });
      for (const wrong of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, "Bearer a", `Basic ${TOKEN}`, TOKEN]) {
        const res = await send(`${server.url}${path}`, { headers: { authorization: wrong } });
        assert.equal(res.status, 401, `${path} with ${wrong}`);
        assert.match(String(res.headers["www-authenticate"]), /^Bearer realm="otai", error="invalid_token"$/);
      }
      const good = await send(`${server.url}${path}`, { headers: { authorization: `bearer ${TOKEN}` } });
      assert.equal(good.status, 200, path);
    }
  });

  it("serves the registry as Prometheus text that parses, with the counters as incremented", async () => {
    metrics.tickets.inc({ outcome: "processed" }, 2);
    metrics.tickets.inc({ outcome: "dead_letter" });
    metrics.decisions.inc({ field: "queue", outcome: "applied" });
    metrics.confidence.observe({ field: "queue" }, 0.97);
    metrics.queueDepth.set(4);
    const res = await send(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-type"], metrics.registry.contentType);
    const samples = parsePrometheusText(res.text);
    assert.equal(sampleValue(samples, "otai_tickets_total", { outcome: "processed" }), 2);
    assert.equal(sampleValue(samples, "otai_tickets_total", { outcome: "dead_letter" }), 1);
    assert.equal(sampleValue(samples, "otai_tickets_total", { outcome: "conflict" }), 0);
    assert.equal(sampleValue(samples, "otai_decisions_total", { field: "queue", outcome: "applied" }), 1);
    assert.equal(sampleValue(samples, "otai_decision_confidence_bucket", { field: "queue", le: "0.95" }), 0);
    assert.equal(sampleValue(samples, "otai_decision_confidence_bucket", { field: "queue", le: "0.99" }), 1);
    assert.equal(sampleValue(samples, "otai_decision_confidence_count", { field: "queue" }), 1);
    assert.equal(sampleValue(samples, "otai_webhook_queue_depth"), 4);
    assert.equal(sampleValue(samples, "otai_build_info", { version: "0.1.0", mode: "poll" }), 1);
    // Default process metrics are in the same registry.
    assert.ok(samples.some((s) => s.name === "process_cpu_user_seconds_total"));
  });

  it("answers 405 with Allow to HEAD and other methods, and 404 JSON to unknown paths", async () => {
    for (const [method, path, allow] of [
      ["HEAD", "/healthz", "GET"],
      ["POST", "/metrics", "GET"],
      ["DELETE", "/readyz", "GET"],
      ["GET", "/webhooks/zendesk", "POST"],
    ] as const) {
      const res = await send(`${server.url}${path}`, { method });
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.equal(res.headers.allow, allow);
    }
    for (const path of ["/", "/healthz/", "/metrics.json", "/webhooks/", "/webhooks/a/b", "/METRICS"]) {
      const res = await send(`${server.url}${path}`);
      assert.equal(res.status, 404, path);
      assert.deepEqual(res.json(), { error: "not found" });
    }
  });

  it("never logs the token, and logs each request's path and status at debug", () => {
    const text = lines.join("");
    assert.ok(!text.includes(TOKEN.slice(0, 12)), "the token reached the logs");
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(entries.some((e) => e.path === "/metrics" && e.status === 401));
    assert.ok(entries.some((e) => e.path === "/metrics" && e.status === 200));
  });

  it("refuses an empty token, which would lock out nobody", async () => {
    await assert.rejects(startEngineServer({ port: 0, token: "", metrics, readiness: [], logger }), (error) =>
      isOtaiError(error, "OTAI_CONFIG_INVALID"),
    );
  });

  it("fails with OTAI_CONFIG_INVALID when the port is taken", async () => {
    await assert.rejects(
      startEngineServer({ port: server.port, metrics, readiness: [], logger }),
      (error) => isOtaiError(error, "OTAI_CONFIG_INVALID") && /could not listen on 127\.0\.0\.1:/.test(error.message),
    );
  });
});

describe("engine server: liveness and readiness", () => {
  const metrics = createEngineMetrics({ defaultMetrics: false });
  const { logger } = captureLogs();

  it("answers /healthz 503 once live() is false or throws", async () => {
    let live: boolean | "throw" = true;
    const server = await startEngineServer({
      port: 0,
      metrics,
      readiness: [],
      logger,
      live: () => {
        if (live === "throw") throw new Error("wedged");
        return live;
      },
    });
    try {
      assert.equal((await send(`${server.url}/healthz`)).status, 200);
      live = false;
      const down = await send(`${server.url}/healthz`);
      assert.equal(down.status, 503);
      assert.deepEqual(down.json(), { status: "unavailable" });
      live = "throw";
      assert.equal((await send(`${server.url}/healthz`)).status, 503);
    } finally {
      await server.close();
    }
  });

  it("is ready when every check passes, without a token when none is configured", async () => {
    const server = await startEngineServer({
      port: 0,
      metrics,
      readiness: [okCheck("helpdesk"), { name: "model", check: async () => ({ ok: true, message: "v3 loaded" }) }],
      logger,
    });
    try {
      const res = await send(`${server.url}/readyz`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json(), {
        status: "ok",
        checks: { helpdesk: { ok: true }, model: { ok: true, message: "v3 loaded" } },
      });
    } finally {
      await server.close();
    }
  });

  it("is not ready when one check fails, throws or hangs (stand-in checks), naming each with its reason", async () => {
    let hangingSignal: AbortSignal | undefined;
    const server = await startEngineServer({
      port: 0,
      metrics,
      checkTimeoutMs: 80,
      readiness: [
        okCheck("store"),
        { name: "model", check: async () => ({ ok: false, message: "model file missing" }) },
        {
          name: "helpdesk",
          check: async () => {
            throw new Error("Zendesk could not be reached");
          },
        },
        {
          name: "queue",
          check: (signal) => {
            hangingSignal = signal;
            return new Promise(() => {});
          },
        },
      ],
      logger,
    });
    try {
      const started = performance.now();
      const res = await send(`${server.url}/readyz`);
      const ms = performance.now() - started;
      assert.equal(res.status, 503);
      assert.deepEqual(res.json(), {
        status: "unavailable",
        checks: {
          store: { ok: true },
          model: { ok: false, message: "model file missing" },
          helpdesk: { ok: false, message: "Zendesk could not be reached" },
          queue: { ok: false, message: "did not answer within 80 ms" },
        },
      });
      assert.ok(ms >= 75 && ms < 1500, `took ${ms} ms`);
      assert.equal(hangingSignal?.aborted, true, "the hanging check's signal was aborted at its timeout");
    } finally {
      await server.close();
    }
  });

  it("runs the checks once for concurrent probes (counting stand-in check)", async () => {
    let runs = 0;
    const server = await startEngineServer({
      port: 0,
      metrics,
      readiness: [
        {
          name: "helpdesk",
          check: async () => {
            runs += 1;
            await new Promise((resolve) => setTimeout(resolve, 30));
            return { ok: true };
          },
        },
      ],
      logger,
    });
    try {
      const answers = await Promise.all([1, 2, 3].map(() => send(`${server.url}/readyz`)));
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 200, 200],
      );
      assert.equal(runs, 1);
      await send(`${server.url}/readyz`);
      assert.equal(runs, 2, "a later probe runs the checks again");
    } finally {
      await server.close();
    }
  });
});

describe("engine server: webhooks", () => {
  const metrics = createEngineMetrics({ defaultMetrics: false });
  const { logger, lines } = captureLogs();
  let server: EngineServer;
  const received: { headers: Record<string, unknown>; rawBody: Buffer; url: URL }[] = [];

  const zendesk: WebhookHandler = async (request) => {
    received.push(request);
    return { status: 202, body: { sha256: createHash("sha256").update(request.rawBody).digest("hex") } };
  };
  const failing: WebhookHandler = async () => {
    throw new Error("boom: Sensitive ticket text");
  };
  const silent: WebhookHandler = async () => ({ status: 204, body: { ignored: true } });

  before(async () => {
    server = await startEngineServer({
      port: 0,
      metrics,
      readiness: [],
      logger,
      token: TOKEN,
      bodyLimitBytes: 1024,
      webhooks: { zendesk, failing, silent },
    });
  });
  after(() => server.close());

  it("hands the handler the exact raw bytes, the headers and the URL, without needing the token", async () => {
    // Not valid UTF-8, CRLFs and a BOM: any decoding on the way would change the signature's input.
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"ticket":{"id":42}}\r\n'),
      Buffer.from([0xff, 0xfe, 0x00, 0x80]),
    ]);
    const res = await send(`${server.url}/webhooks/zendesk?source=trigger`, {
      method: "POST",
      body: bytes,
      headers: { "content-type": "application/json", "x-zendesk-webhook-signature": "c2lnbmF0dXJl" },
    });
    assert.equal(res.status, 202);
    assert.deepEqual(res.json(), { sha256: createHash("sha256").update(bytes).digest("hex") });
    const last = received.at(-1);
    assert.ok(last);
    assert.ok(last.rawBody.equals(bytes));
    assert.equal(last.headers["x-zendesk-webhook-signature"], "c2lnbmF0dXJl");
    assert.equal(last.url.pathname, "/webhooks/zendesk");
    assert.equal(last.url.searchParams.get("source"), "trigger");
  });

  it("passes a chunked body through whole", async () => {
    const chunks = [Buffer.from("part one, "), Buffer.from("part two")];
    const res = await send(`${server.url}/webhooks/zendesk`, { method: "POST", body: chunks });
    assert.equal(res.status, 202);
    assert.equal(received.at(-1)?.rawBody.toString(), "part one, part two");
  });

  it("answers 413 to a body over the limit, declared or streamed, and counts it as rejected", async () => {
    const before = received.length;
    const declared = await send(`${server.url}/webhooks/zendesk`, { method: "POST", body: Buffer.alloc(1025, 0x61) });
    assert.equal(declared.status, 413);
    assert.equal(declared.headers.connection, "close");
    const streamed = await send(`${server.url}/webhooks/zendesk`, {
      method: "POST",
      body: [Buffer.alloc(600, 0x61), Buffer.alloc(600, 0x62)],
    });
    assert.equal(streamed.status, 413);
    const exact = await send(`${server.url}/webhooks/zendesk`, { method: "POST", body: Buffer.alloc(1024, 0x61) });
    assert.equal(exact.status, 202, "a body of exactly the limit is accepted");
    assert.equal(received.length, before + 1);
    const samples = parsePrometheusText((await metrics.render()).body);
    assert.equal(sampleValue(samples, "otai_webhook_deliveries_total", { system: "zendesk", result: "rejected" }), 2);
  });

  it("answers 404 to an unknown webhook name, prototype keys included", async () => {
    for (const name of ["freshdesk", "constructor", "__proto__", "toString"]) {
      const res = await send(`${server.url}/webhooks/${name}`, { method: "POST", body: "{}" });
      assert.equal(res.status, 404, name);
      assert.deepEqual(res.json(), { error: "unknown webhook" });
    }
  });

  it("answers 500 with a generic body when the handler throws, and logs the failure", async () => {
    const res = await send(`${server.url}/webhooks/failing`, { method: "POST", body: "{}" });
    assert.equal(res.status, 500);
    assert.deepEqual(res.json(), { error: "internal error" });
    assert.ok(!res.text.includes("boom"));
    const logged = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((e) => e.webhook === "failing");
    assert.ok(logged, "the failure was logged");
    assert.equal(logged.level, 50);
  });

  it("sends no body with a 204, even when the handler returns one", async () => {
    const res = await send(`${server.url}/webhooks/silent`, { method: "POST", body: "{}" });
    assert.equal(res.status, 204);
    assert.equal(res.text, "");
    assert.equal(res.headers["content-type"], undefined);
  });
});

describe("engine server: close()", () => {
  const metrics = createEngineMetrics({ defaultMetrics: false });
  const { logger } = captureLogs();

  it("ends at once with an idle keep-alive client connected", async () => {
    const server = await startEngineServer({ port: 0, metrics, readiness: [], logger });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const res = await send(`${server.url}/healthz`, { agent });
      assert.equal(res.status, 200);
      assert.equal(res.headers.connection, "keep-alive");
      // Let the socket go back to the agent's free pool: an idle keep-alive connection.
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(Object.values(agent.freeSockets).flat().length, 1);
      const started = performance.now();
      await server.close();
      const ms = performance.now() - started;
      assert.ok(ms < 1000, `close() took ${ms} ms (keepAliveTimeout is 5000)`);
      await assert.rejects(send(`${server.url}/healthz`), /ECONNREFUSED/);
    } finally {
      agent.destroy();
    }
  });

  it("lets a request in flight finish, without keep-alive, then ends (stand-in slow handler)", async () => {
    let release: () => void = () => {};
    let entered: () => void = () => {};
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const server = await startEngineServer({
      port: 0,
      metrics,
      readiness: [],
      logger,
      webhooks: {
        slow: async () => {
          entered();
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          return { status: 202, body: { ok: true } };
        },
      },
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const pending = send(`${server.url}/webhooks/slow`, { method: "POST", body: "{}", agent });
      await inHandler;
      let closed = false;
      const closing = server.close().then(() => {
        closed = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(closed, false, "close() waits for the request in flight");
      release();
      const res = await pending;
      assert.equal(res.status, 202);
      assert.equal(res.headers.connection, "close");
      await closing;
      assert.equal(closed, true);
    } finally {
      agent.destroy();
    }
  });

  it("cuts a request that outlives closeTimeoutMs (stand-in hanging handler)", async () => {
    const server = await startEngineServer({
      port: 0,
      metrics,
      readiness: [],
      logger,
      closeTimeoutMs: 50,
      webhooks: { hang: () => new Promise(() => {}) },
    });
    const pending = send(`${server.url}/webhooks/hang`, { method: "POST", body: "{}" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = performance.now();
    await server.close();
    assert.ok(performance.now() - started < 1000);
    await assert.rejects(pending, /socket hang up|ECONNRESET/);
  });

  it("binds where told: a configured host is used as given", async () => {
    // Check the bind address against a plain node:http server on the same interface, IPv6 loopback if available.
    const probe = createServer();
    const ipv6 = await new Promise<boolean>((resolve) => {
      probe.once("error", () => resolve(false));
      probe.listen(0, "::1", () => resolve(true));
    });
    if (ipv6) await new Promise((resolve) => probe.close(resolve));
    const host = ipv6 ? "::1" : "127.0.0.1";
    const server = await startEngineServer({ host, port: 0, metrics, readiness: [], logger });
    try {
      assert.equal((server.address as AddressInfo).address, host);
      assert.equal(server.url, ipv6 ? `http://[::1]:${server.port}` : `http://127.0.0.1:${server.port}`);
      assert.equal((await send(`${server.url}/healthz`)).status, 200);
    } finally {
      await server.close();
    }
  });
});
