import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { isOtaiError } from "../errors.ts";
import {
  selfSignedCertificate,
  sendJson,
  startServer,
  type TestCertificate,
  type TestServer,
} from "./_test-support.ts";
import { createHttpClient } from "./client.ts";

describe("TLS verification against a real https server with a self-signed certificate", () => {
  let cert: TestCertificate;
  let server: TestServer;

  before(async () => {
    cert = selfSignedCertificate();
    server = await startServer((_req, res) => sendJson(res, 200, { ok: true }), { key: cert.key, cert: cert.cert });
  });
  after(async () => {
    await server.close();
    cert.remove();
  });

  it("refuses the certificate by default, without retrying, and says so (fake https server)", async () => {
    const client = createHttpClient({ baseUrl: server.url, name: "Zammad", sleep: async () => {} });
    try {
      await assert.rejects(client.request({ method: "GET", path: "/api/v1/tickets" }), (error) => {
        assert.ok(isOtaiError(error, "OTAI_HELPDESK_UNAVAILABLE"));
        assert.match(error.message, /certificate/);
        assert.match(error.message, /verify/);
        assert.equal(error.retryable, false);
        assert.equal(error.details.attempts, 1);
        assert.equal(error.details.kind, "certificate");
        return true;
      });
      assert.equal(server.requests, 0, "no request may reach an unverified server");
    } finally {
      await client.close();
    }
  });

  it("works with verify: false (fake https server)", async () => {
    const client = createHttpClient({ baseUrl: server.url, name: "Zammad", verify: false });
    try {
      const response = await client.request({ method: "GET", path: "/api/v1/tickets" });
      assert.deepEqual(response.body, { ok: true });
    } finally {
      await client.close();
    }
  });

  it("works with verify set to the certificate's path as the CA bundle (fake https server)", async () => {
    const client = createHttpClient({ baseUrl: server.url, name: "Zammad", verify: cert.certPath });
    try {
      const response = await client.request({ method: "GET", path: "/api/v1/tickets" });
      assert.equal(response.status, 200);
    } finally {
      await client.close();
    }
  });
});
