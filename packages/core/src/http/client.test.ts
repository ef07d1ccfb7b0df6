import assert from "node:assert/strict";
import type { IncomingHttpHeaders } from "node:http";
import { after, before, describe, it } from "node:test";
import { isOtaiError } from "../errors.ts";
import { sendJson, startServer, type TestServer } from "./_test-support.ts";
import { createHttpClient } from "./client.ts";
import type { HttpClient, HttpResponseInfo } from "./types.ts";

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

describe("HTTP client against a fake help desk", () => {
  let server: TestServer;
  let seen: Seen[] = [];
  const clients: HttpClient[] = [];

  before(async () => {
    server = await startServer((req, res, body) => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const path = (req.url ?? "").split("?")[0];
      switch (path) {
        case "/api/v2/tickets/1.json":
          return sendJson(
            res,
            200,
            { ticket: { id: 1, subject: "Printer" } },
            { "x-rate-limit": "700", "x-rate-limit-remaining": "650" },
          );
        case "/api/v2/text":
          res.writeHead(200, { "content-type": "text/plain" });
          return res.end("pong");
        case "/api/v2/empty":
          res.writeHead(204);
          return res.end();
        case "/api/v2/echo":
          return sendJson(res, 201, { method: req.method, body: body ? JSON.parse(body) : null });
        case "/api/v2/broken-json":
          res.writeHead(200, { "content-type": "application/json" });
          return res.end('{"ticket":');
        case "/api/v2/moved":
          res.writeHead(301, { location: "https://acme.zendesk.com/api/v2/tickets/1.json?token=abc" });
          return res.end();
        default:
          return sendJson(res, 404, { error: "RecordNotFound", description: "Not found" });
      }
    });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });

  function client(options: Partial<Parameters<typeof createHttpClient>[0]> = {}): HttpClient {
    const c = createHttpClient({ baseUrl: `${server.url}/api/v2`, name: "Zendesk", sleep: async () => {}, ...options });
    clients.push(c);
    return c;
  }

  it("parses JSON bodies and returns status, headers and url (fake server)", async () => {
    const response = await client().request<{ ticket: { id: number } }>({ method: "GET", path: "/tickets/1.json" });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { ticket: { id: 1, subject: "Printer" } });
    assert.equal(response.headers.get("x-rate-limit-remaining"), "650");
    assert.equal(response.url, `${server.url}/api/v2/tickets/1.json`);
  });

  it("returns text for non-JSON bodies and undefined for empty ones (fake server)", async () => {
    const c = client();
    assert.equal((await c.request({ method: "GET", path: "/text" })).body, "pong");
    const empty = await c.request({ method: "DELETE", path: "/empty" });
    assert.equal(empty.status, 204);
    assert.equal(empty.body, undefined);
  });

  it("sends JSON bodies, the query, default and custom headers (fake server)", async () => {
    seen = [];
    const c = client({ headers: { "X-Client": "otai" } });
    const response = await c.request({
      method: "PUT",
      path: "/echo",
      query: { async: true, ids: ["1", "2"] },
      body: { ticket: { status: "open" } },
      headers: { "X-Request-Id": "r-1" },
    });
    assert.deepEqual(response.body, { method: "PUT", body: { ticket: { status: "open" } } });
    const [request] = seen;
    assert.equal(request?.url, "/api/v2/echo?async=true&ids=1&ids=2");
    assert.equal(request?.headers["content-type"], "application/json");
    assert.equal(request?.headers.accept, "application/json");
    assert.equal(request?.headers["x-client"], "otai");
    assert.equal(request?.headers["x-request-id"], "r-1");
  });

  it("asks auth() before every request, so a rotated token is used at once (fake server)", async () => {
    seen = [];
    let n = 0;
    const c = client({ auth: () => `Bearer token-${++n}` });
    await c.request({ method: "GET", path: "/tickets/1.json" });
    await c.request({ method: "GET", path: "/tickets/1.json" });
    assert.deepEqual(
      seen.map((s) => s.headers.authorization),
      ["Bearer token-1", "Bearer token-2"],
    );
  });

  it("follows a same-origin absolute next link and refuses a foreign one without sending it (fake server)", async () => {
    seen = [];
    const c = client();
    await c.request({ method: "GET", path: `${server.url}/api/v2/tickets/1.json?page=2` });
    assert.equal(seen[0]?.url, "/api/v2/tickets/1.json?page=2");
    await assert.rejects(c.request({ method: "GET", path: "https://elsewhere.example/api/v2/tickets.json" }), (e) =>
      isOtaiError(e, "OTAI_HELPDESK_INVALID"),
    );
    assert.equal(seen.length, 1);
  });

  it("maps an error status to the catalogue with the help desk's message (fake server)", async () => {
    await assert.rejects(client().request({ method: "GET", path: "/tickets/999.json" }), (error) => {
      assert.ok(isOtaiError(error, "OTAI_HELPDESK_NOT_FOUND"));
      assert.equal(
        error.message,
        "Zendesk answered 404 Not Found to GET /api/v2/tickets/999.json: RecordNotFound: Not found",
      );
      assert.deepEqual(error.details.body, { error: "RecordNotFound", description: "Not found" });
      return true;
    });
  });

  it("does not follow redirects; the error names the target without its query secrets (fake server)", async () => {
    await assert.rejects(client().request({ method: "GET", path: "/moved" }), (error) => {
      assert.ok(isOtaiError(error, "OTAI_HELPDESK_INVALID"));
      assert.match(
        error.message,
        /redirect to https:\/\/acme\.zendesk\.com\/api\/v2\/tickets\/1\.json\?token=\[REDACTED\]; check the base URL/,
      );
      return true;
    });
  });

  it("reports malformed JSON on a success as an error, not as a string (fake server)", async () => {
    await assert.rejects(client().request({ method: "GET", path: "/broken-json" }), (error) => {
      assert.ok(isOtaiError(error, "OTAI_HELPDESK_UNAVAILABLE"));
      assert.match(error.message, /malformed JSON/);
      return true;
    });
  });

  it("calls onResponse after every attempt with the rate-limit remaining, and survives a throwing hook (fake server)", async () => {
    const infos: HttpResponseInfo[] = [];
    const c = client({
      onResponse: (info) => {
        infos.push(info);
        throw new Error("metrics are down");
      },
    });
    await c.request({ method: "GET", path: "/tickets/1.json", query: { api_token: "t0ps3cret" } });
    assert.equal(infos.length, 1);
    const [info] = infos;
    assert.equal(info?.status, 200);
    assert.equal(info?.attempt, 1);
    assert.equal(info?.rateLimitRemaining, 650);
    assert.equal(info?.path, "/api/v2/tickets/1.json?api_token=[REDACTED]");
    assert.ok(typeof info?.ms === "number" && info.ms >= 0);
  });

  it("reuses a few keep-alive connections for 20 sequential requests (fake server counting connections)", async (t) => {
    const own = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
    const c = createHttpClient({ baseUrl: own.url, name: "Zammad" });
    try {
      for (let i = 0; i < 20; i++) await c.request({ method: "GET", path: `/api/v1/tickets/${i}` });
      assert.equal(own.requests, 20);
      t.diagnostic(`${own.requests} requests over ${own.connections} TCP connection(s)`);
      assert.ok(own.connections >= 1 && own.connections <= 2, `${own.connections} connections for 20 requests`);
    } finally {
      await c.close();
      await own.close();
    }
  });

  it("refuses requests after close() (fake server)", async () => {
    const c = createHttpClient({ baseUrl: server.url, name: "Zendesk" });
    await c.request({ method: "GET", path: "/api/v2/tickets/1.json" });
    await c.close();
    await assert.rejects(c.request({ method: "GET", path: "/api/v2/tickets/1.json" }), (e) =>
      isOtaiError(e, "OTAI_INTERNAL"),
    );
  });

  it("fails at creation on a bad base URL or an unreadable CA bundle", () => {
    assert.throws(
      () => createHttpClient({ baseUrl: "zendesk.com", name: "Zendesk" }),
      (e) => isOtaiError(e, "OTAI_CONFIG_INVALID"),
    );
    assert.throws(
      () => createHttpClient({ baseUrl: "https://x.test", name: "Zammad", verify: "/nonexistent/ca.pem" }),
      (e) => isOtaiError(e, "OTAI_CONFIG_INVALID") && /CA bundle/.test(e.message),
    );
  });
});
