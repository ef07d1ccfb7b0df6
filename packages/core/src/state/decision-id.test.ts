import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isOtaiError } from "../errors.ts";
import { markerTag, newDecisionId } from "./decision-id.ts";

describe("newDecisionId", () => {
  it("is 16 lower-case base32 characters, different every time", () => {
    const ids = Array.from({ length: 2_000 }, newDecisionId);
    for (const id of ids) assert.match(id, /^[a-z2-7]{16}$/);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(new Set(ids.map(markerTag)).size, ids.length, "markers are distinct too");
  });

  it("uses the whole alphabet (the bits are not biased to a few characters)", () => {
    const seen = new Set(Array.from({ length: 500 }, newDecisionId).join(""));
    assert.equal(seen.size, 32);
  });
});

describe("markerTag", () => {
  it("is otai- and the first 10 characters, lower-case", () => {
    assert.equal(markerTag("k3q7vd2mxa5tbe4n"), "otai-k3q7vd2mxa");
    assert.equal(markerTag("K3Q7VD2MXA5TBE4N"), "otai-k3q7vd2mxa");
    assert.equal(markerTag("abc"), "otai-abc");
  });

  it("refuses an id that cannot be a tag", () => {
    for (const id of ["", "has space", "a,b"]) {
      assert.throws(
        () => markerTag(id),
        (error) => isOtaiError(error, "OTAI_INTERNAL"),
      );
    }
  });
});
