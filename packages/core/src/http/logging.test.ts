import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { isOtaiError } from "../errors.ts";
import { createSecretRegistry } from "../logging/secrets.ts";
import { captureLogs, sendJson, startServer, type TestServer } from "./_test-support.ts";
import { createHttpClient } from "./client.ts";

const TOKEN = "zdTok3n-9f8e7d6c5b4a";
const BASIC = `Basic ${Buffer.from(`agent@acme.test/token:${TOKEN}`).toString("base64")}`;
const TICKET_TEXT = "Sensitive customer text about an invoice";

describe("logs and errors never show the credentials", () => {
  let server: TestServer;
  let closedPort: number;

  before(async () => {
    server = await startServer((req, res) => {
      const path = (req.url ?? "").split("?")[0];
      if (path === "/ok") return sendJson(res, 200, { ticket: { description: TICKET_TEXT } });
      if (path === "/echo-auth") {
        // A badly behaved help desk (or proxy) that repeats the request's header in its error.
        return sendJson(res, 401, { error: `Couldn't authenticate you with ${req.headers.authorization}` });
      }
      if (path === "/down") return sendJson(res, 503, { error: TICKET_TEXT });
      return sendJson(res, 404, {});
    });
    const dead = await startServer(() => {});
    await dead.close();
    closedPort = dead.port;
  });
  after(async () => {
    await server.close();
  });

  it("debug lines carry method, path, status, attempt and ms, but no header, body or token (fake server)", async () => {
    const secrets = createSecretRegistry();
    const { logger, lines } = captureLogs(secrets);
    const client = createHttpClient({
      baseUrl: server.url,
      name: "Zendesk",
      auth: () => BASIC,
      secrets,
      logger,
      sleep: async () => {},
      retries: { max: 2 },
    });
    const dead = createHttpClient({
      baseUrl: `http://127.0.0.1:${closedPort}`,
      name: "Zendesk",
      auth: () => BASIC,
      secrets,
      logger,
      sleep: async () => {},
      retries: { max: 1 },
    });
    const errors: unknown[] = [];
    try {
      await client.request({ method: "GET", path: "/ok", query: { api_token: TOKEN, page: 1 } });
      for (const attempt of [
        () => client.request({ method: "GET", path: "/echo-auth" }),
        () => client.request({ method: "GET", path: "/down" }),
        () => client.request({ method: "POST", path: "/down", body: { comment: TICKET_TEXT } }),
        () => dead.request({ method: "GET", path: "/ok" }),
      ]) {
        await attempt().then(
          () => assert.fail("should fail"),
          (error: unknown) => errors.push(error),
        );
      }
      // What a caller does with such an error: log it, cause and all.
      for (const error of errors) logger.error({ err: error }, "request failed");
    } finally {
      await client.close();
      await dead.close();
    }

    assert.equal(errors.length, 4);
    const echoed = errors[0];
    assert.ok(isOtaiError(echoed, "OTAI_HELPDESK_AUTH"));
    assert.ok(!echoed.message.includes(TOKEN) && !echoed.message.includes(BASIC), echoed.message);
    assert.match(echoed.message, /\[REDACTED\]/);
    assert.ok(!JSON.stringify(echoed.details).includes(BASIC.slice(6)));

    const all = lines.join("");
    const requestLines = lines.map((l) => JSON.parse(l)).filter((l) => l.helpdesk === "Zendesk");
    // 1 ok + 1 (401) + 3 (503, retried) + 1 (POST 503) + 2 (refused, retried once).
    assert.equal(requestLines.length, 8);
    for (const line of requestLines) {
      assert.equal(typeof line.method, "string");
      assert.equal(typeof line.path, "string");
      assert.equal(typeof line.attempt, "number");
      assert.equal(typeof line.ms, "number");
      assert.ok(line.status !== undefined || line.error !== undefined);
      assert.equal(line.headers, undefined);
      assert.equal(line.body, undefined);
    }
    assert.ok(requestLines.some((l) => l.path === "/ok?api_token=[REDACTED]&page=1"));
    assert.ok(requestLines.some((l) => l.error === "ECONNREFUSED"));
    assert.ok(requestLines.some((l) => l.retryInMs !== undefined));
    for (const secret of [TOKEN, BASIC, BASIC.slice(6), `agent@acme.test/token:${TOKEN}`]) {
      assert.ok(!all.includes(secret), `the log must not contain ${secret.slice(0, 12)}…`);
    }
    assert.ok(!requestLines.some((l) => JSON.stringify(l).includes(TICKET_TEXT)), "request lines carry no bodies");
  });

  it("registers every rotated token value with the secret registry (fake server)", async () => {
    const secrets = createSecretRegistry();
    let n = 0;
    const client = createHttpClient({
      baseUrl: server.url,
      name: "Zammad",
      auth: () => `Token token=rotating-${++n}-abcdef`,
      secrets,
    });
    try {
      await client.request({ method: "GET", path: "/ok" });
      await client.request({ method: "GET", path: "/ok" });
    } finally {
      await client.close();
    }
    assert.equal(secrets.scrub("a rotating-1-abcdef b rotating-2-abcdef"), "a [REDACTED] b [REDACTED]");
  });
});
