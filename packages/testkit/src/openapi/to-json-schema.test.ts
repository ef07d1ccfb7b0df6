import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toJsonSchema } from "./to-json-schema.ts";

describe("toJsonSchema (OpenAPI 3.0 → JSON Schema for ajv)", () => {
  it("widens nullable types and enums with null", () => {
    assert.deepEqual(toJsonSchema({ type: "string", enum: ["low", "high"], nullable: true }, "oas"), {
      type: ["string", "null"],
      enum: ["low", "high", null],
    });
  });

  it("wraps a nullable schema without a single type in anyOf with null", () => {
    assert.deepEqual(toJsonSchema({ oneOf: [{ type: "string" }, { type: "integer" }], nullable: true }, "oas"), {
      anyOf: [{ oneOf: [{ type: "string" }, { type: "integer" }] }, { type: "null" }],
    });
  });

  it("prefixes local $refs and drops their siblings, as OpenAPI 3.0 ignores them", () => {
    assert.deepEqual(toJsonSchema({ $ref: "#/components/schemas/Ticket", nullable: true, description: "x" }, "oas"), {
      $ref: "oas#/components/schemas/Ticket",
    });
  });

  it("drops annotations (example, x-*) but keeps properties that happen to be called example", () => {
    const converted = toJsonSchema(
      {
        type: "object",
        example: { a: 1 },
        "x-internal": true,
        properties: {
          example: { type: "string", example: "e" },
          items: { type: "array", items: { type: "integer", nullable: true } },
        },
      },
      "oas",
    );
    assert.deepEqual(converted, {
      type: "object",
      properties: { example: { type: "string" }, items: { type: "array", items: { type: ["integer", "null"] } } },
    });
  });
});
