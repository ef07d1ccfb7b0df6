import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lowestRemaining, readRateLimits } from "./rate-limit-headers.ts";

const NOW = Date.UTC(2026, 0, 5, 10, 0, 0);

describe("rate-limit headers", () => {
  it("reads Zendesk's account pair and its IETF endpoint trio as two families", () => {
    const found = readRateLimits(
      new Headers({
        "X-Rate-Limit": "700",
        "X-Rate-Limit-Remaining": "699",
        "ratelimit-limit": "100",
        "ratelimit-remaining": "98",
        "ratelimit-reset": "42",
      }),
      NOW,
    );
    assert.deepEqual(found, [
      { family: "x-rate-limit", limit: 700, remaining: 699, resetMs: undefined, windowMs: undefined },
      { family: "ietf", limit: 100, remaining: 98, resetMs: 42_000, windowMs: undefined },
    ]);
    assert.equal(lowestRemaining(found), 98);
  });

  it("reads Freshdesk's X-RateLimit-Total/Remaining", () => {
    const found = readRateLimits(
      new Headers({
        "X-RateLimit-Total": "400",
        "X-RateLimit-Remaining": "12",
        "X-RateLimit-Used-CurrentRequest": "1",
      }),
      NOW,
    );
    assert.deepEqual(found, [
      { family: "x-ratelimit", limit: 400, remaining: 12, resetMs: undefined, windowMs: undefined },
    ]);
  });

  it("reads an epoch-second X-RateLimit-Reset as the time until then", () => {
    const reset = String(NOW / 1000 + 30);
    const [found] = readRateLimits(
      new Headers({ "x-ratelimit-limit": "60", "x-ratelimit-remaining": "1", "x-ratelimit-reset": reset }),
      NOW,
    );
    assert.equal(found?.resetMs, 30_000);
  });

  it("reads the IETF draft's policy window and its single-header form", () => {
    const [withPolicy] = readRateLimits(
      new Headers({ "ratelimit-limit": "100, 100;w=60", "ratelimit-remaining": "50", "ratelimit-reset": "30" }),
      NOW,
    );
    assert.deepEqual(withPolicy, { family: "ietf", limit: 100, remaining: 50, resetMs: 30_000, windowMs: 60_000 });
    const [combined] = readRateLimits(
      new Headers({ ratelimit: '"default";r=5;t=12', "ratelimit-policy": '"default";q=200;w=3600' }),
      NOW,
    );
    assert.deepEqual(combined, { family: "ietf", limit: 200, remaining: 5, resetMs: 12_000, windowMs: 3_600_000 });
  });

  it("finds nothing on a response without rate-limit headers", () => {
    assert.deepEqual(readRateLimits(new Headers({ "content-type": "application/json" }), NOW), []);
    assert.equal(lowestRemaining([]), undefined);
  });
});
