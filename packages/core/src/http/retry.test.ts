import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { after, before, describe, it } from "node:test";
import { isOtaiError, type OtaiError } from "../errors.ts";
import { type Handler, sendJson, startServer, type TestServer, virtualClock } from "./_test-support.ts";
import { createHttpClient } from "./client.ts";
import { backoffDelay, DEFAULT_RETRY_POLICY, isIdempotentMethod } from "./retry.ts";
import type { HttpClientOptions } from "./types.ts";

describe("backoff", () => {
  it("is full jitter over an exponential cap: random() * min(maxDelay, base * 2^n)", () => {
    const policy = DEFAULT_RETRY_POLICY;
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0.5)),
      [125, 250, 500, 1000, 2000],
    );
    assert.equal(
      backoffDelay(0, policy, () => 0),
      0,
    );
    assert.equal(
      backoffDelay(20, policy, () => 0.999),
      29_970,
      "capped at maxDelayMs",
    );
  });

  it("knows which methods are idempotent", () => {
    assert.deepEqual((["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "POST", "PATCH"] as const).map(isIdempotentMethod), [
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe("retries against a fake server", () => {
  let server: TestServer;
  /** Responses for the coming requests, in order; the last one repeats. */
  let script: ((res: ServerResponse) => void)[] = [];
  let seen: string[] = [];
  const handler: Handler = (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const next = script.length > 1 ? script.shift() : script[0];
    if (next) next(res);
    else sendJson(res, 200, { ok: true });
  };
  const clients: { close(): Promise<void> }[] = [];

  before(async () => {
    server = await startServer(handler);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  function setup(responses: ((res: ServerResponse) => void)[], options: Partial<HttpClientOptions> = {}) {
    script = responses;
    seen = [];
    const clock = virtualClock();
    const client = createHttpClient({
      baseUrl: `${server.url}/api/v2`,
      name: "Zendesk",
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0.5,
      ...options,
    });
    clients.push(client);
    return { client, clock };
  }

  const status = (code: number, body: unknown = { error: `status ${code}` }, headers: Record<string, string> = {}) => {
    return (res: ServerResponse) => sendJson(res, code, body, headers);
  };

  it("retries a GET after 503 and 502 with jittered backoff, then succeeds (fake server)", async () => {
    const { client, clock } = setup([status(503), status(502), status(200, { ticket: { id: 1 } })]);
    const response = await client.request<{ ticket: { id: number } }>({ method: "GET", path: "/tickets/1.json" });
    assert.deepEqual(response.body, { ticket: { id: 1 } });
    assert.equal(seen.length, 3);
    assert.deepEqual(clock.sleeps, [125, 250]);
  });

  it("does not retry a POST after a 5xx, and says it is not retryable (fake server)", async () => {
    const { client } = setup([status(503, { error: "Service Unavailable" }), status(200)]);
    const error: OtaiError = await client.request({ method: "POST", path: "/tickets.json", body: { ticket: {} } }).then(
      () => assert.fail("should fail"),
      (e: OtaiError) => e,
    );
    assert.equal(error.code, "OTAI_HELPDESK_UNAVAILABLE");
    assert.equal(error.retryable, false);
    assert.deepEqual(
      {
        status: error.details.status,
        attempts: error.details.attempts,
        method: error.details.method,
        path: error.details.path,
      },
      { status: 503, attempts: 1, method: "POST", path: "/api/v2/tickets.json" },
    );
    assert.equal(seen.length, 1);
  });

  it("retries a POST marked idempotent (fake server)", async () => {
    const { client } = setup([status(500), status(201, { ticket: { id: 7 } })]);
    const response = await client.request({ method: "POST", path: "/tickets.json", body: {}, idempotent: true });
    assert.equal(response.status, 201);
    assert.equal(seen.length, 2);
  });

  it("retries a 429 for any method after Retry-After seconds (fake server)", async () => {
    const { client, clock } = setup([status(429, "Too Many Requests", { "retry-after": "3" }), status(201)]);
    const response = await client.request({ method: "POST", path: "/tickets.json", body: {} });
    assert.equal(response.status, 201);
    assert.deepEqual(clock.sleeps, [3000]);
    assert.equal(seen.length, 2);
  });

  it("reads a Retry-After HTTP date against the injected clock (fake server)", async () => {
    const clock = virtualClock(Date.parse("Wed, 21 Oct 2015 07:27:00 GMT"));
    const { client } = setup([status(429, {}, { "retry-after": "Wed, 21 Oct 2015 07:27:42 GMT" }), status(200)], {
      now: clock.now,
      sleep: clock.sleep,
    });
    await client.request({ method: "GET", path: "/tickets.json" });
    assert.deepEqual(clock.sleeps, [42_000]);
  });

  it("falls back to backoff for a 429 without Retry-After (fake server)", async () => {
    const { client, clock } = setup([status(429), status(429), status(200)]);
    await client.request({ method: "PUT", path: "/tickets/1.json", body: {} });
    assert.deepEqual(clock.sleeps, [125, 250]);
  });

  it("does not wait for a Retry-After beyond the cap: RATE_LIMITED with retryAfterMs at once (fake server)", async () => {
    const { client, clock } = setup([status(429, { error: "slow down" }, { "retry-after": "600" }), status(200)]);
    await assert.rejects(client.request({ method: "GET", path: "/tickets.json" }), (error) => {
      assert.ok(isOtaiError(error, "OTAI_HELPDESK_RATE_LIMITED"));
      assert.equal(error.retryable, true);
      assert.equal(error.details.retryAfterMs, 600_000);
      assert.equal(error.details.attempts, 1);
      assert.match(error.message, /slow down/);
      return true;
    });
    assert.deepEqual(clock.sleeps, []);
    assert.equal(seen.length, 1);
  });

  it("raises the mapped error with status, attempts, method and path when retries run out (fake server)", async () => {
    const { client, clock } = setup([status(500, { error: "Internal", description: "database is down" })], {
      retries: { max: 2 },
    });
    await assert.rejects(client.request({ method: "GET", path: "/tickets.json", query: { page: 2 } }), (error) => {
      assert.ok(isOtaiError(error, "OTAI_HELPDESK_UNAVAILABLE"));
      assert.equal(error.retryable, true);
      assert.deepEqual(
        {
          status: error.details.status,
          attempts: error.details.attempts,
          method: error.details.method,
          path: error.details.path,
        },
        { status: 500, attempts: 3, method: "GET", path: "/api/v2/tickets.json?page=2" },
      );
      assert.match(
        error.message,
        /^Zendesk answered 500 Internal Server Error to GET \/api\/v2\/tickets\.json\?page=2: Internal: database is down$/,
      );
      return true;
    });
    assert.equal(seen.length, 3);
    assert.equal(clock.sleeps.length, 2);
  });

  it("does not retry 4xx answers other than 429 (fake server)", async () => {
    const { client } = setup([status(404, { error: "RecordNotFound", description: "Not found" })]);
    await assert.rejects(client.request({ method: "GET", path: "/tickets/9.json" }), (e) =>
      isOtaiError(e, "OTAI_HELPDESK_NOT_FOUND"),
    );
    assert.equal(seen.length, 1);
  });

  it("gives up after max 429s with RATE_LIMITED (fake server)", async () => {
    const { client, clock } = setup([status(429, {}, { "retry-after": "1" })], { retries: { max: 3 } });
    await assert.rejects(client.request({ method: "GET", path: "/x" }), (error) => {
      assert.ok(isOtaiError(error, "OTAI_HELPDESK_RATE_LIMITED"));
      assert.equal(error.details.attempts, 4);
      assert.equal(error.details.retryAfterMs, 1000);
      return true;
    });
    assert.deepEqual(clock.sleeps, [1000, 1000, 1000]);
  });
});

describe("network failures and timeouts", () => {
  let hanging: TestServer;
  before(async () => {
    // Accepts requests and never answers: a stuck help desk.
    hanging = await startServer(() => {});
  });
  after(async () => {
    await hanging.close();
  });

  async function closedPort(): Promise<number> {
    const s = await startServer(() => {});
    await s.close();
    return s.port;
  }

  it("retries a refused connection for any method (nothing was sent), keeping the cause", async () => {
    const port = await closedPort();
    const clock = virtualClock();
    const client = createHttpClient({
      baseUrl: `http://127.0.0.1:${port}`,
      name: "Zammad",
      now: clock.now,
      sleep: clock.sleep,
      random: () => 1,
      retries: { max: 2, baseDelayMs: 100 },
    });
    try {
      await assert.rejects(client.request({ method: "POST", path: "/api/v1/tickets", body: {} }), (error) => {
        assert.ok(isOtaiError(error, "OTAI_HELPDESK_UNAVAILABLE"));
        assert.equal(error.retryable, true);
        assert.equal(error.details.attempts, 3);
        assert.equal(error.details.code, "ECONNREFUSED");
        assert.ok(error.cause instanceof Error, "the cause is kept");
        assert.match(
          error.message,
          /^Zammad could not be reached at http:\/\/127\.0\.0\.1:\d+ \(POST \/api\/v1\/tickets, 3 attempts\)/,
        );
        return true;
      });
      assert.deepEqual(clock.sleeps, [100, 200]);
    } finally {
      await client.close();
    }
  });

  it("times out each attempt and retries an idempotent request (fake server that never answers)", async () => {
    const clock = virtualClock();
    const client = createHttpClient({
      baseUrl: hanging.url,
      name: "OTOBO",
      timeoutMs: 60,
      now: clock.now,
      sleep: clock.sleep,
      retries: { max: 1 },
    });
    try {
      const started = performance.now();
      await assert.rejects(client.request({ method: "GET", path: "/Ticket/1" }), (error) => {
        assert.ok(isOtaiError(error, "OTAI_HELPDESK_UNAVAILABLE"));
        assert.equal(error.retryable, true);
        assert.equal(error.details.attempts, 2);
        assert.equal(error.details.kind, "timeout");
        assert.match(error.message, /did not answer within 60 ms/);
        return true;
      });
      assert.ok(performance.now() - started < 2000);
    } finally {
      await client.close();
    }
  });

  it("does not repeat a timed-out POST: it may have been processed (fake server that never answers)", async () => {
    const client = createHttpClient({ baseUrl: hanging.url, name: "OTOBO", timeoutMs: 60, sleep: async () => {} });
    try {
      const before = hanging.requests;
      await assert.rejects(client.request({ method: "POST", path: "/Ticket", body: {} }), (error) => {
        assert.ok(isOtaiError(error, "OTAI_HELPDESK_UNAVAILABLE"));
        assert.equal(error.retryable, false);
        assert.equal(error.details.attempts, 1);
        return true;
      });
      assert.equal(hanging.requests - before, 1);
    } finally {
      await client.close();
    }
  });

  it("stops at once when the caller aborts, with the caller's reason and no retry (fake server that never answers)", async () => {
    const client = createHttpClient({ baseUrl: hanging.url, name: "OTOBO", sleep: async () => {} });
    try {
      const controller = new AbortController();
      const before = hanging.requests;
      const pending = client.request({ method: "GET", path: "/Ticket/1", signal: controller.signal });
      setTimeout(() => controller.abort(new Error("shutting down")), 30);
      await assert.rejects(pending, /shutting down/);
      assert.equal(hanging.requests - before, 1);
    } finally {
      await client.close();
    }
  });

  it("an abort also ends a Retry-After wait (fake server)", async () => {
    const server = await startServer((_req, res) => sendJson(res, 429, {}, { "retry-after": "90" }));
    const controller = new AbortController();
    // A sleep that only ends by abort: the wait must be given the caller's signal.
    const sleep = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((_resolve, reject) => {
        signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
    const client = createHttpClient({ baseUrl: server.url, name: "Zendesk", sleep });
    try {
      const pending = client.request({ method: "GET", path: "/x", signal: controller.signal });
      setTimeout(() => controller.abort(new Error("cancelled")), 30);
      await assert.rejects(pending, /cancelled/);
      assert.equal(server.requests, 1);
    } finally {
      await client.close();
      await server.close();
    }
  });
});
