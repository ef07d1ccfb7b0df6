import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadOpenApi } from "./load.ts";
import type { OpenApiDocument } from "./types.ts";
import { validateResponse } from "./validate-response.ts";

const SPEC =
  process.env.OTAI_ZENDESK_OAS ??
  fileURLToPath(new URL("../../../../../shared/specs/zendesk/oas.yaml", import.meta.url));

describe("validateResponse against Zendesk's published OpenAPI spec", () => {
  let spec: OpenApiDocument;
  before(() => {
    spec = loadOpenApi(SPEC);
  });

  it("passes a well-formed Show Ticket body and names wrong field types", () => {
    const good = validateResponse(spec, {
      method: "GET",
      path: "/api/v2/tickets/1.json",
      status: 200,
      body: { ticket: { id: 1, status: "open", priority: null, tags: ["a"] } },
    });
    const bad = validateResponse(spec, {
      method: "GET",
      path: "/api/v2/tickets/1.json",
      status: 200,
      body: { ticket: { id: "1", status: "opened" } },
    });
    assert.deepEqual(good.errors, []);
    assert.equal(good.operationId, "ShowTicket");
    assert.deepEqual(bad.errors, [
      "response/ticket/id must be integer",
      "response/ticket/status must be equal to one of the allowed values: new, open, pending, hold, solved, closed",
    ]);
  });

  it("warns about a status the operation does not declare (the spec declares no 409 for Update Ticket)", () => {
    const result = validateResponse(spec, {
      method: "PUT",
      path: "/api/v2/tickets/1.json",
      status: 409,
      body: { error: "UpdateConflict" },
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, ["status 409 is not declared for UpdateTicket"]);
  });
});
