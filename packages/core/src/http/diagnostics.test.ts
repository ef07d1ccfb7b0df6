import assert from "node:assert/strict";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { after, before, describe, it } from "node:test";
import { createSecretRegistry } from "../logging/secrets.ts";
import { sendJson, startServer, type TestServer } from "./_test-support.ts";
import { createHttpClient } from "./client.ts";
import {
  HTTP_ERROR_CHANNEL,
  HTTP_RESPONSE_CHANNEL,
  type HttpErrorEvent,
  type HttpResponseEvent,
  httpErrorChannel,
  httpResponseChannel,
} from "./diagnostics.ts";

const TOKEN = "diag-Tok3n-1234567890";
const TICKET_TEXT = "Customer writes about a private invoice";

describe("help-desk request events on diagnostics_channel", () => {
  let server: TestServer;
  let closedPort: number;
  let hits = 0;

  before(async () => {
    server = await startServer((req, res) => {
      const path = (req.url ?? "").split("?")[0];
      if (path === "/flaky") {
        hits += 1;
        if (hits === 1) return sendJson(res, 429, { error: "slow down" }, { "retry-after": "0" });
      }
      return sendJson(res, 200, { description: TICKET_TEXT });
    });
    const dead = await startServer(() => {});
    await dead.close();
    closedPort = dead.port;
  });
  after(async () => {
    await server.close();
  });

  it("publishes one response event per attempt, without headers, bodies or secret query values (fake server)", async () => {
    const events: HttpResponseEvent[] = [];
    const listener = (message: unknown) => events.push(message as HttpResponseEvent);
    subscribe(HTTP_RESPONSE_CHANNEL, listener);
    const client = createHttpClient({
      baseUrl: server.url,
      name: "Zendesk",
      auth: () => `Bearer ${TOKEN}`,
      secrets: createSecretRegistry(),
      sleep: async () => {},
    });
    try {
      await client.request({ method: "GET", path: "/flaky", query: { api_token: TOKEN, page: 2 } });
    } finally {
      unsubscribe(HTTP_RESPONSE_CHANNEL, listener);
      await client.close();
    }
    assert.equal(events.length, 2);
    assert.deepEqual(
      events.map(({ name, method, status, attempt }) => ({ name, method, status, attempt })),
      [
        { name: "Zendesk", method: "GET", status: 429, attempt: 1 },
        { name: "Zendesk", method: "GET", status: 200, attempt: 2 },
      ],
    );
    for (const event of events) {
      assert.deepEqual(Object.keys(event).sort(), ["attempt", "method", "ms", "name", "path", "status"]);
      assert.ok(event.path.startsWith("/flaky?"), event.path);
      assert.ok(event.path.includes("page=2"), event.path);
      assert.ok(event.ms >= 0);
      const text = JSON.stringify(event);
      assert.ok(!text.includes(TOKEN) && !text.includes(TICKET_TEXT), text);
    }
  });

  it("publishes one error event per failed attempt with the network error code (closed port)", async () => {
    const events: HttpErrorEvent[] = [];
    const listener = (message: unknown) => events.push(message as HttpErrorEvent);
    subscribe(HTTP_ERROR_CHANNEL, listener);
    const client = createHttpClient({
      baseUrl: `http://127.0.0.1:${closedPort}`,
      name: "Zammad",
      sleep: async () => {},
      retries: { max: 1 },
    });
    try {
      await assert.rejects(client.request({ method: "POST", path: "/tickets", body: { title: TICKET_TEXT } }));
    } finally {
      unsubscribe(HTTP_ERROR_CHANNEL, listener);
      await client.close();
    }
    // A refused connection was never sent, so even a POST is retried once.
    assert.deepEqual(
      events.map(({ name, method, path, code, kind, attempt }) => ({ name, method, path, code, kind, attempt })),
      [
        { name: "Zammad", method: "POST", path: "/tickets", code: "ECONNREFUSED", kind: "not-sent", attempt: 1 },
        { name: "Zammad", method: "POST", path: "/tickets", code: "ECONNREFUSED", kind: "not-sent", attempt: 2 },
      ],
    );
    assert.ok(!JSON.stringify(events).includes(TICKET_TEXT));
  });

  it("reports the client's own timeout as ETIMEDOUT (silent fake server)", async () => {
    const silent = await startServer(() => {});
    const events: HttpErrorEvent[] = [];
    const listener = (message: unknown) => events.push(message as HttpErrorEvent);
    subscribe(HTTP_ERROR_CHANNEL, listener);
    const client = createHttpClient({ baseUrl: silent.url, name: "Freshdesk", timeoutMs: 50, retries: { max: 0 } });
    try {
      await assert.rejects(client.request({ method: "GET", path: "/tickets" }));
    } finally {
      unsubscribe(HTTP_ERROR_CHANNEL, listener);
      await client.close();
      await silent.close();
    }
    assert.equal(events.length, 1);
    assert.equal(events[0]?.code, "ETIMEDOUT");
    assert.equal(events[0]?.kind, "timeout");
    assert.ok((events[0]?.ms ?? 0) >= 45, String(events[0]?.ms));
  });

  it("has no subscribers unless someone listens, so nothing is published by default", () => {
    assert.equal(httpResponseChannel.hasSubscribers, false);
    assert.equal(httpErrorChannel.hasSubscribers, false);
  });
});
