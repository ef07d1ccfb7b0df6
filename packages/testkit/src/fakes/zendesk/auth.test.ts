import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { zendeskBasicAuth } from "./auth.ts";
import { type FakeZendesk, startFakeZendesk } from "./fake-zendesk.ts";
import { fakeZendeskClient } from "./test-client.ts";

describe("fake Zendesk: authentication", () => {
  let zendesk: FakeZendesk;
  before(async () => {
    zendesk = await startFakeZendesk({
      credentials: { email: "bot@acme.test", apiToken: "t0ken", bearerToken: "oauth-abc" },
      seed: { tickets: [{ subject: "Hello" }] },
    });
  });
  after(() => zendesk.close());

  it("accepts Basic {email}/token:{api_token}, with the email in any case", async () => {
    for (const email of ["bot@acme.test", "BOT@acme.test"]) {
      const { status, json } = await fakeZendeskClient(
        zendesk.url,
        zendeskBasicAuth(email, "t0ken"),
      )("/api/v2/tickets/1.json");
      assert.equal(status, 200);
      assert.equal(json.ticket.subject, "Hello");
    }
  });

  it("accepts an OAuth Bearer token", async () => {
    const { status } = await fakeZendeskClient(zendesk.url, "Bearer oauth-abc")("/api/v2/tickets/1");
    assert.equal(status, 200);
  });

  it("answers 401 with Zendesk's body for a wrong token, a password login, a wrong bearer and no header", async () => {
    const password = `Basic ${Buffer.from("bot@acme.test:t0ken").toString("base64")}`;
    for (const header of [zendeskBasicAuth("bot@acme.test", "wrong"), password, "Bearer nope", null]) {
      const response = await fakeZendeskClient(zendesk.url, header)("/api/v2/tickets/1.json");
      assert.equal(response.status, 401, String(header));
      assert.deepEqual(response.json, { error: "Couldn't authenticate you" });
      assert.equal(response.headers.get("x-rate-limit"), "700", "rate-limit headers are on every response");
    }
  });

  it("refuses the incremental export to a non-admin with 403 and serves it to an admin", async () => {
    const call = fakeZendeskClient(zendesk.url, zendeskBasicAuth("bot@acme.test", "t0ken"));
    const startTime = Math.floor(zendesk.now() / 1000) - 3600;
    zendesk.setAdmin(false);
    const refused = await call(`/api/v2/incremental/tickets/cursor.json?start_time=${startTime}`);
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error, "Forbidden");
    zendesk.setAdmin(true);
    const served = await call(`/api/v2/incremental/tickets/cursor.json?start_time=${startTime}`);
    assert.equal(served.status, 200);
  });

  it("takes new credentials at run time", async () => {
    zendesk.setCredentials({ apiToken: "rotated" });
    const old = await fakeZendeskClient(
      zendesk.url,
      zendeskBasicAuth("bot@acme.test", "t0ken"),
    )("/api/v2/users/me.json");
    const fresh = await fakeZendeskClient(
      zendesk.url,
      zendeskBasicAuth("bot@acme.test", "rotated"),
    )("/api/v2/users/me.json");
    assert.equal(old.status, 401);
    assert.equal(fresh.status, 200);
    assert.equal(fresh.json.user.email, "bot@acme.test");
    zendesk.setCredentials({ apiToken: "t0ken" });
  });

  it("answers unknown routes with 404 InvalidEndpoint, with or without .json", async () => {
    const call = fakeZendeskClient(zendesk.url, "Bearer oauth-abc");
    for (const path of ["/api/v2/nothing_here.json", "/api/v2/nothing_here", "/api/v2/tickets/1/nope"]) {
      const { status, json } = await call(path);
      assert.equal(status, 404);
      assert.deepEqual(json, { error: "InvalidEndpoint", description: "Not found" });
    }
  });
});
