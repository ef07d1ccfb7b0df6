import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadOpenApi } from "./load.ts";
import type { OpenApiDocument } from "./types.ts";
import { validateRequest } from "./validate-request.ts";

const SPEC =
  process.env.OTAI_ZENDESK_OAS ??
  fileURLToPath(new URL("../../../../../shared/specs/zendesk/oas.yaml", import.meta.url));

describe("validateRequest against Zendesk's published OpenAPI spec", () => {
  let spec: OpenApiDocument;
  before(() => {
    spec = loadOpenApi(SPEC);
  });

  it("passes an Update Ticket body with group, priority, internal note, safe_update, updated_stamp and additional_tags", () => {
    const result = validateRequest(spec, {
      method: "PUT",
      path: "/api/v2/tickets/35436.json",
      body: {
        ticket: {
          group_id: 98738,
          priority: "high",
          status: "open",
          additional_tags: ["ai_triaged"],
          remove_tags: ["needs_triage"],
          custom_fields: [{ id: 27642, value: "billing" }],
          comment: { body: "AI classification: billing", public: false },
          safe_update: true,
          updated_stamp: "2024-05-01T10:00:00Z",
        },
      },
    });
    assert.deepEqual(result, {
      operationId: "UpdateTicket",
      template: "/api/v2/tickets/{ticket_id}",
      errors: [],
      warnings: [],
    });
  });

  it("fails an unknown priority, naming the allowed values from the spec", () => {
    const result = validateRequest(spec, {
      method: "PUT",
      path: "/api/v2/tickets/1",
      body: { ticket: { priority: "super" } },
    });
    assert.equal(result.operationId, "UpdateTicket");
    assert.deepEqual(result.errors, [
      "body/ticket/priority must be equal to one of the allowed values: urgent, high, normal, low, null",
    ]);
  });

  it("fails wrong JSON types in the body: a string group_id, a non-boolean comment.public, an updated_stamp that is no date-time", () => {
    const result = validateRequest(spec, {
      method: "PUT",
      path: "/api/v2/tickets/1.json",
      body: { ticket: { group_id: "98738", comment: { body: "x", public: "no" }, updated_stamp: "yesterday" } },
    });
    assert.deepEqual(result.errors, [
      "body/ticket/comment/public must be boolean",
      "body/ticket/group_id must be integer,null",
      'body/ticket/updated_stamp must match format "date-time"',
    ]);
  });

  it("says what the spec says about clearing a custom field with null: not allowed", () => {
    const result = validateRequest(spec, {
      method: "PUT",
      path: "/api/v2/tickets/1.json",
      body: { ticket: { custom_fields: [{ id: 1, value: null }] } },
    });
    assert.ok(result.errors.includes("body/ticket/custom_fields/0/value must match exactly one schema in oneOf"));
  });

  it("reports an unknown path and an undefined method as errors", () => {
    const path = validateRequest(spec, { method: "GET", path: "/api/v2/ticket_routes.json" });
    const method = validateRequest(spec, { method: "DELETE", path: "/api/v2/search.json" });
    assert.deepEqual(path, {
      operationId: null,
      template: null,
      errors: ["no operation in the spec for path /api/v2/ticket_routes.json"],
      warnings: [],
    });
    assert.deepEqual(method.errors, ["method DELETE is not defined for /api/v2/search"]);
  });

  it("checks path parameter types and prefers literal segments (show_many over {ticket_id})", () => {
    assert.deepEqual(validateRequest(spec, { method: "GET", path: "/api/v2/tickets/abc" }).errors, [
      "path parameter ticket_id must be integer",
    ]);
    const many = validateRequest(spec, {
      method: "GET",
      path: "/api/v2/tickets/show_many.json",
      query: { ids: "1,2" },
    });
    assert.equal(many.operationId, "TicketsShowMany");
    assert.deepEqual(many.errors, []);
  });

  it("checks query types, enums and required parameters", () => {
    const sort = validateRequest(spec, { method: "GET", path: "/api/v2/tickets.json?sort_by=bogus" });
    assert.match(
      sort.errors[0] ?? "",
      /^query parameter sort_by must be equal to one of the allowed values: id, subject/,
    );
    const time = validateRequest(spec, {
      method: "GET",
      path: "/api/v2/incremental/tickets/cursor.json?start_time=yesterday",
    });
    assert.deepEqual(time.errors, ["query parameter start_time must be integer"]);
    const search = validateRequest(spec, { method: "GET", path: "/api/v2/search.json" });
    assert.deepEqual(search.errors, ["query parameters must have required property 'query' (query)"]);
  });

  it("reads deepObject cursor parameters and the dual page parameter of List Tickets", () => {
    const cursor = validateRequest(spec, {
      method: "GET",
      path: "/api/v2/tickets.json?page[size]=100&page[after]=xyz",
    });
    const offset = validateRequest(spec, { method: "GET", path: "/api/v2/tickets.json?page=2&per_page=100" });
    const bad = validateRequest(spec, { method: "GET", path: "/api/v2/tickets.json?page[size]=0" });
    assert.deepEqual([cursor.errors, offset.errors], [[], []]);
    assert.ok(bad.errors.includes("query parameter page[size] must be >= 1"), bad.errors.join(" | "));
  });

  it("reads literal bracketed names of the export search (filter[type], page[size])", () => {
    const ok = validateRequest(spec, {
      method: "GET",
      path: "/api/v2/search/export",
      query: { query: "status:open", "filter[type]": "ticket", "page[size]": "1000" },
    });
    const bad = validateRequest(spec, {
      method: "GET",
      path: "/api/v2/search/export",
      query: { query: "x", "page[size]": "big" },
    });
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(bad.errors, ["query parameter page[size] must be integer"]);
  });

  it("warns, without failing, about query keys the spec does not declare (search has no page/per_page)", () => {
    const result = validateRequest(spec, {
      method: "GET",
      path: "/api/v2/search.json?query=type:ticket&page=2&per_page=100",
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, [
      "query parameter page is not declared by the spec",
      "query parameter per_page is not declared by the spec",
    ]);
  });

  it("knows the comments endpoint declares only cursor paging: an offset page is an error", () => {
    const result = validateRequest(spec, { method: "GET", path: "/api/v2/tickets/1/comments.json?page=2" });
    assert.deepEqual(result.errors, ["query parameter page must be object"]);
  });

  it("validates both update_many bodies: one ticket for ?ids=, or tickets with ids", () => {
    const withIds = validateRequest(spec, {
      method: "PUT",
      path: "/api/v2/tickets/update_many.json?ids=1,2",
      body: { ticket: { status: "solved", additional_tags: ["bulk"] } },
    });
    const list = validateRequest(spec, {
      method: "PUT",
      path: "/api/v2/tickets/update_many.json",
      body: { tickets: [{ id: 1, priority: "low" }, { priority: "high" }] },
    });
    assert.deepEqual(withIds.errors, []);
    assert.ok(list.errors.includes("body/tickets/1 must have required property 'id' (id)"), list.errors.join(" | "));
  });
});
