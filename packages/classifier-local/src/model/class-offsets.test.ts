import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fitClassOffsets } from "./class-offsets.ts";
import { createRandom } from "./random.ts";

/** n rows of K scores: the true class gets +1 plus noise, class `under` is pushed down by `shift`. */
function scores(n: number, K: number, under: number, shift: number, seed: number) {
  const random = createRandom(seed);
  const truth = Int32Array.from({ length: n }, (_, i) => i % K);
  const logits = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      logits[i * K + k] = (k === truth[i] ? 1 : 0) + (random() - 0.5) * 1.6 - (k === under ? shift : 0);
    }
  }
  return { logits, truth };
}

function accuracy(logits: Float64Array, truth: Int32Array, K: number, offsets: Float64Array): number {
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) {
      const v = (logits[i * K + k] as number) + (offsets[k] as number);
      if (v > (logits[i * K + best] as number) + (offsets[best] as number)) best = k;
    }
    if (best === truth[i]) correct++;
  }
  return correct / truth.length;
}

describe("fitClassOffsets", () => {
  it("undoes a class whose scores are systematically too low, and the offsets carry to new rows", () => {
    const K = 3;
    const fit = scores(900, K, 2, 0.4, 1);
    const offsets = fitClassOffsets(fit.logits, fit.truth, K);
    assert.ok((offsets[2] as number) - Math.max(offsets[0] as number, offsets[1] as number) > 0.2, `${offsets}`);
    const fresh = scores(900, K, 2, 0.4, 2);
    const zero = new Float64Array(K);
    assert.ok(accuracy(fresh.logits, fresh.truth, K, offsets) > accuracy(fresh.logits, fresh.truth, K, zero) + 0.02);
  });

  it("leaves scores that are already right alone (all offsets 0)", () => {
    const K = 4;
    const truth = Int32Array.from({ length: 40 }, (_, i) => i % K);
    const logits = Float64Array.from({ length: 40 * K }, (_, j) => (Math.floor(j / K) % K === j % K ? 2 : 0));
    assert.deepEqual(Array.from(fitClassOffsets(logits, truth, K)), [0, 0, 0, 0]);
  });
});
