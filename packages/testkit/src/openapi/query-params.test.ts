import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { collectQuery } from "./query-params.ts";
import type { OpenApiParameter } from "./types.ts";

describe("collectQuery", () => {
  const parameters: OpenApiParameter[] = [
    { name: "page", in: "query", style: "deepObject", explode: true, schema: { type: "object" } },
    { name: "filter[type]", in: "query", schema: { type: "string" } },
    { name: "ids", in: "query", explode: false, schema: { type: "array" } },
    { name: "type", in: "query", style: "form", explode: true, schema: { type: "array" } },
    { name: "ticket_id", in: "path", schema: { type: "integer" } },
  ];

  it("gathers deepObject keys, literal bracket names, comma and repeated arrays, and lists undeclared keys", () => {
    const query = new URLSearchParams(
      "page[size]=5&page[after]=c&filter[type]=ticket&ids=1,2&type[]=a&type[]=b&extra=1",
    );
    assert.deepEqual(collectQuery(parameters, query), {
      values: { page: { size: "5", after: "c" }, "filter[type]": "ticket", ids: ["1", "2"], type: ["a", "b"] },
      undeclared: ["extra"],
    });
  });

  it("takes a plain value for a deepObject parameter (Zendesk's dual page=2)", () => {
    assert.deepEqual(collectQuery(parameters, new URLSearchParams("page=2")).values, { page: "2" });
  });
});
