import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backoffDelay } from "./backoff.ts";

describe("backoffDelay", () => {
  it("doubles from base and stops at max", () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempts) => backoffDelay(attempts, { base: 500, max: 5_000 }));
    assert.deepEqual(delays, [500, 1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it("stays at the cap for huge attempt counts instead of overflowing", () => {
    assert.equal(backoffDelay(5_000, { base: 1_000, max: 60_000 }), 60_000);
  });

  it("treats nonsense inputs as zero rather than scheduling in the past", () => {
    assert.equal(backoffDelay(0, { base: 1_000, max: 60_000 }), 1_000);
    assert.equal(backoffDelay(3, { base: -5, max: 60_000 }), 0);
  });
});
