import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { truncateBody } from "./body.ts";
import { helpDeskMessage } from "./help-desk-message.ts";
import { errorFromResponse } from "./response-errors.ts";
import { parseRetryAfter } from "./retry-after.ts";

const none = new Headers();

describe("errorFromResponse: status → code", () => {
  const cases: [number, string, boolean][] = [
    [400, "OTAI_HELPDESK_INVALID", false],
    [401, "OTAI_HELPDESK_AUTH", false],
    [403, "OTAI_HELPDESK_AUTH", false],
    [404, "OTAI_HELPDESK_NOT_FOUND", false],
    [409, "OTAI_HELPDESK_CONFLICT", true],
    [422, "OTAI_HELPDESK_INVALID", false],
    [429, "OTAI_HELPDESK_RATE_LIMITED", true],
    [500, "OTAI_HELPDESK_UNAVAILABLE", true],
    [502, "OTAI_HELPDESK_UNAVAILABLE", true],
    [503, "OTAI_HELPDESK_UNAVAILABLE", true],
    [504, "OTAI_HELPDESK_UNAVAILABLE", true],
  ];
  for (const [status, code, retryable] of cases) {
    it(`${status} → ${code}${retryable ? " (retryable)" : ""}`, () => {
      const error = errorFromResponse("Zendesk", status, undefined, none);
      assert.equal(error.code, code);
      assert.equal(error.retryable, retryable);
      assert.equal(error.details.status, status);
      assert.match(error.message, new RegExp(`^Zendesk answered ${status} `));
    });
  }

  it("429 carries retryAfterMs from Retry-After seconds", () => {
    const error = errorFromResponse("Zendesk", 429, "Too many requests", new Headers({ "retry-after": "37" }));
    assert.equal(error.details.retryAfterMs, 37_000);
    assert.match(error.message, /Too many requests \(retry after 37 s\)/);
  });

  it("a 5xx to a request that is not idempotent is not retryable", () => {
    const error = errorFromResponse("Zendesk", 503, undefined, none, { method: "POST", path: "/x", idempotent: false });
    assert.equal(error.code, "OTAI_HELPDESK_UNAVAILABLE");
    assert.equal(error.retryable, false);
    assert.match(error.message, /to POST \/x/);
    assert.deepEqual({ method: error.details.method, path: error.details.path }, { method: "POST", path: "/x" });
  });
});

describe("errorFromResponse: the help desk's own message", () => {
  it("Zendesk RecordInvalid lists the field problems", () => {
    const error = errorFromResponse(
      "Zendesk",
      422,
      {
        error: "RecordInvalid",
        description: "Record validation errors",
        details: {
          status: [{ description: "Status: closed is not valid", error: "InvalidValue" }],
          group_id: [{ description: "must be a number" }],
          base: [{ description: "Ticket is locked" }],
        },
      },
      none,
    );
    assert.equal(
      error.message,
      "Zendesk answered 422 Unprocessable Entity: Record validation errors: Status: closed is not valid; group_id: must be a number; Ticket is locked",
    );
    assert.equal(error.code, "OTAI_HELPDESK_INVALID");
  });

  it("Zendesk {error, description} and bare {error}", () => {
    assert.equal(helpDeskMessage({ error: "RecordNotFound", description: "Not found" }), "RecordNotFound: Not found");
    assert.equal(helpDeskMessage({ error: "Couldn't authenticate you" }), "Couldn't authenticate you");
    assert.equal(
      helpDeskMessage({ error: { title: "Forbidden", message: "You do not have access to this page." } }),
      "Forbidden: You do not have access to this page.",
    );
  });

  it("JSON:API errors [{code, title, detail}]", () => {
    assert.equal(
      helpDeskMessage({
        errors: [
          {
            code: "InvalidPaginationParameter",
            title: "Invalid pagination parameter",
            detail: "page[size] must be <= 100",
          },
        ],
      }),
      "Invalid pagination parameter: page[size] must be <= 100 (InvalidPaginationParameter)",
    );
  });

  it("Freshdesk validation errors and {code, message}", () => {
    const error = errorFromResponse(
      "Freshdesk",
      400,
      {
        description: "Validation failed",
        errors: [{ field: "priority", message: "It should be one of these values: '1,2,3,4'", code: "invalid_value" }],
      },
      none,
    );
    assert.equal(
      error.message,
      "Freshdesk answered 400 Bad Request: Validation failed: priority: It should be one of these values: '1,2,3,4' (invalid_value)",
    );
    assert.equal(
      helpDeskMessage({ code: "invalid_credentials", message: "You have to be logged in to perform this action." }),
      "You have to be logged in to perform this action. (invalid_credentials)",
    );
  });

  it("Zammad prefers error_human", () => {
    const error = errorFromResponse(
      "Zammad",
      422,
      { error: "Validation failed: Group can't be blank", error_human: "Group can't be blank" },
      none,
    );
    assert.equal(error.message, "Zammad answered 422 Unprocessable Entity: Group can't be blank");
  });

  it("OTOBO Error objects and GenericInterface faults", () => {
    assert.equal(
      helpDeskMessage({
        Error: { ErrorCode: "TicketSearch.AuthFail", ErrorMessage: "TicketSearch: Authorization failing!" },
      }),
      "TicketSearch: Authorization failing! (TicketSearch.AuthFail)",
    );
    assert.equal(
      helpDeskMessage({ faultcode: "Server", faultstring: "Error while decoding request content." }),
      "Error while decoding request content.",
    );
  });

  it("plain text is cut to ~300 characters, HTML pages reduced to their title", () => {
    const long = `Upstream failed ${"x".repeat(1000)}`;
    const error = errorFromResponse("OTOBO", 500, long, none);
    const said = error.message.replace(/^OTOBO answered 500 Internal Server Error: /, "");
    assert.ok(said.length <= 301, `got ${said.length} characters`);
    assert.ok(said.startsWith("Upstream failed xxx") && said.endsWith("…"));
    assert.equal((error.details.body as string).length, 301);
    assert.equal(
      helpDeskMessage("<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>"),
      "502 Bad Gateway",
    );
  });

  it("an empty body leaves the status line", () => {
    const error = errorFromResponse("Freshdesk", 404, undefined, none);
    assert.equal(error.message, "Freshdesk answered 404 Not Found");
    assert.equal("body" in error.details, false);
  });

  it("details keep a cut-down copy of the parsed body", () => {
    const body = { errors: Array.from({ length: 50 }, (_, i) => ({ field: `f${i}`, message: "y".repeat(500) })) };
    const error = errorFromResponse("Freshdesk", 400, body, none);
    const kept = error.details.body as { errors: unknown[] };
    assert.equal(kept.errors.length, 21);
    assert.equal(kept.errors[20], "… 30 more");
    assert.equal((kept.errors[0] as { message: string }).message.length, 301);
    assert.ok(error.message.length < 400, "the message stays short however long the body");
    const many = { errors: Array.from({ length: 50 }, (_, i) => ({ field: `f${i}`, message: "bad" })) };
    assert.match(helpDeskMessage(many) ?? "", /^f0: bad; f1: bad; f2: bad; f3: bad; f4: bad; and 45 more$/);
    assert.deepEqual(truncateBody({ a: { b: { c: { d: { e: { f: 1 } } } } } }), {
      a: { b: { c: { d: { e: "{…}" } } } },
    });
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates, and ignores garbage", () => {
    assert.equal(parseRetryAfter("7", 0), 7000);
    assert.equal(parseRetryAfter(" 0 ", 0), 0);
    assert.equal(parseRetryAfter("1.5", 0), 1500);
    const now = Date.parse("Wed, 21 Oct 2015 07:27:00 GMT");
    assert.equal(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now), 60_000);
    assert.equal(parseRetryAfter("Wed, 21 Oct 2015 07:26:00 GMT", now), 0, "a date in the past means now");
    assert.equal(parseRetryAfter("soon", now), undefined);
    assert.equal(parseRetryAfter("-5", now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});
