import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isOtaiError } from "../errors.ts";
import { canonicalJson, pipelineHash } from "./pipeline-hash.ts";

describe("canonicalJson", () => {
  it("sorts keys at every depth and keeps array order", () => {
    assert.equal(canonicalJson({ b: 1, a: [3, { d: null, c: "x" }, 1] }), '{"a":[3,{"c":"x","d":null},1],"b":1}');
  });

  it("follows JSON.stringify for undefined, functions, toJSON and strings", () => {
    const value = { keep: 'é\n"', drop: undefined, fn: () => 1, list: [undefined], when: new Date(0) };
    assert.equal(canonicalJson(value), '{"keep":"é\\n\\"","list":[null],"when":"1970-01-01T00:00:00.000Z"}');
    assert.deepEqual(JSON.parse(canonicalJson(value)), JSON.parse(JSON.stringify(value)));
    assert.equal(canonicalJson(undefined), "null");
  });

  it("refuses cycles and bigints, but not a shared (YAML alias) object", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(
      () => canonicalJson(cyclic),
      (error) => isOtaiError(error, "OTAI_INTERNAL"),
    );
    assert.throws(
      () => canonicalJson({ n: 1n }),
      (error) => isOtaiError(error, "OTAI_INTERNAL"),
    );
    const shared = { x: 1 };
    assert.equal(canonicalJson({ a: shared, b: shared }), '{"a":{"x":1},"b":{"x":1}}');
  });
});

describe("pipelineHash", () => {
  const pipeline = { id: "classify", steps: [{ id: "fetch", use: "FetchTickets", params: { limit: 50, query: "x" } }] };

  it("is 16 hex characters, the same for reordered keys", () => {
    const reordered = {
      steps: [{ params: { query: "x", limit: 50 }, use: "FetchTickets", id: "fetch" }],
      id: "classify",
    };
    assert.match(pipelineHash(pipeline), /^[0-9a-f]{16}$/);
    assert.equal(pipelineHash(reordered), pipelineHash(pipeline));
  });

  it("changes when the pipeline does, including array order", () => {
    const other = { ...pipeline, steps: [{ id: "fetch", use: "FetchTickets", params: { limit: 51, query: "x" } }] };
    assert.notEqual(pipelineHash(other), pipelineHash(pipeline));
    assert.notEqual(pipelineHash([1, 2]), pipelineHash([2, 1]));
  });

  it("is stable across releases (a changed hash would reprocess every ticket)", () => {
    // sha256('{"a":1}') = 015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862
    assert.equal(pipelineHash({ a: 1 }), "015abd7f5cc57a2d");
  });
});
