import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { authorizationOf, baseUrlOf, ZendeskParamsSchema } from "./params.ts";

describe("Zendesk params", () => {
  it("accepts the integration guide's params and builds the URL and Basic auth from them", () => {
    const params = ZendeskParamsSchema.parse({ domain: "acme", email: "admin@acme.test", api_token: "tok" });
    assert.equal(baseUrlOf(params), "https://acme.zendesk.com");
    assert.equal(params.timeout, 30);
    assert.equal(params.verify, true);
    const decoded = Buffer.from(authorizationOf(params).replace("Basic ", ""), "base64").toString();
    assert.equal(decoded, "admin@acme.test/token:tok");
  });

  it("accepts base_url and an OAuth token", () => {
    const params = ZendeskParamsSchema.parse({
      base_url: "http://127.0.0.1:9999/",
      oauth_token: "o",
      verify: "/etc/ca.pem",
    });
    assert.equal(baseUrlOf(params), "http://127.0.0.1:9999");
    assert.equal(authorizationOf(params), "Bearer o");
  });

  it("explains what is missing or contradictory", () => {
    const messages = (input: unknown) => {
      const result = ZendeskParamsSchema.safeParse(input);
      return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    assert.deepEqual(messages({ email: "a@b.c", api_token: "t" }), [
      "domain: set domain (the Zendesk subdomain) or base_url",
    ]);
    assert.deepEqual(messages({ domain: "acme", email: "a@b.c" }), [
      "api_token: set email and api_token (or oauth_token)",
    ]);
    assert.deepEqual(messages({ domain: "acme", oauth_token: "o", api_token: "t" }), [
      "oauth_token: use either oauth_token or email + api_token, not both",
    ]);
    assert.match(messages({ domain: "acme.zendesk.com", oauth_token: "o" })[0] ?? "", /subdomain only/);
    assert.match(messages({ domain: "acme", oauth_token: "o", subdomain: "x" })[0] ?? "", /Unrecognized key/);
  });
});
