import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isOtaiError } from "../errors.ts";
import { buildUrl, loggablePath, parseBaseUrl } from "./url.ts";

const base = parseBaseUrl("https://acme.zendesk.com/api/v2/", "Zendesk");

describe("request URLs", () => {
  it("appends the path to the base path instead of resolving it away", () => {
    assert.equal(base.href, "https://acme.zendesk.com/api/v2");
    assert.equal(
      buildUrl(base, "/tickets/1.json", undefined, "Zendesk").href,
      "https://acme.zendesk.com/api/v2/tickets/1.json",
    );
    assert.equal(buildUrl(base, "tickets.json", undefined, "Zendesk").pathname, "/api/v2/tickets.json");
    const origin = parseBaseUrl("http://127.0.0.1:8080", "Zammad");
    assert.equal(buildUrl(origin, "/api/v1/tickets", undefined, "Zammad").href, "http://127.0.0.1:8080/api/v1/tickets");
  });

  it("encodes the query: arrays repeat the key, undefined is left out, booleans and numbers are text", () => {
    const url = buildUrl(
      base,
      "/search.json",
      { query: "status:open type:ticket", "page[size]": 100, include: ["users", "groups"], sort: undefined, x: false },
      "Zendesk",
    );
    assert.deepEqual(url.searchParams.getAll("include"), ["users", "groups"]);
    assert.equal(url.searchParams.get("query"), "status:open type:ticket");
    assert.equal(url.searchParams.get("page[size]"), "100");
    assert.equal(url.searchParams.get("x"), "false");
    assert.equal(url.searchParams.has("sort"), false);
  });

  it("accepts an absolute pagination link on the same origin and keeps its query", () => {
    const next = "https://acme.zendesk.com/api/v2/tickets.json?page%5Bafter%5D=abc&page%5Bsize%5D=100";
    const url = buildUrl(base, next, { extra: "1" }, "Zendesk");
    assert.equal(url.searchParams.get("page[after]"), "abc");
    assert.equal(url.searchParams.get("extra"), "1");
  });

  it("keeps the query of a relative path", () => {
    const url = buildUrl(base, "/tickets.json?page=2", { per_page: 50 }, "Zendesk");
    assert.equal(url.pathname, "/api/v2/tickets.json");
    assert.equal(url.search, "?page=2&per_page=50");
  });

  it("refuses an absolute URL on another origin (credentials would go there)", () => {
    for (const other of [
      "https://evil.example/api/v2/tickets.json",
      "http://acme.zendesk.com/api/v2/x",
      "https://acme.zendesk.com:8443/x",
    ]) {
      assert.throws(
        () => buildUrl(base, other, undefined, "Zendesk"),
        (error) => isOtaiError(error, "OTAI_HELPDESK_INVALID") && /refusing/.test(error.message),
      );
    }
  });

  it("rejects base URLs that are not http(s) or carry credentials", () => {
    assert.throws(
      () => parseBaseUrl("ftp://x.test", "X"),
      (e) => isOtaiError(e, "OTAI_CONFIG_INVALID"),
    );
    assert.throws(
      () => parseBaseUrl("not a url", "X"),
      (e) => isOtaiError(e, "OTAI_CONFIG_INVALID"),
    );
    assert.throws(
      () => parseBaseUrl("https://u:p@x.test", "X"),
      (e) => isOtaiError(e, "OTAI_CONFIG_INVALID"),
    );
  });

  it("hides secret-looking query values in the loggable path", () => {
    const url = new URL(
      "https://otobo.test/otobo/nph-genericinterface.pl/Webservice/T/Ticket?UserLogin=bot&Password=pw1&SessionID=abc&Limit=5&api_token=t&q=a%20b",
    );
    assert.equal(
      loggablePath(url),
      "/otobo/nph-genericinterface.pl/Webservice/T/Ticket?UserLogin=[REDACTED]&Password=[REDACTED]&SessionID=[REDACTED]&Limit=5&api_token=[REDACTED]&q=a%20b",
    );
    assert.equal(loggablePath(new URL("https://x.test/a/b")), "/a/b");
  });
});
