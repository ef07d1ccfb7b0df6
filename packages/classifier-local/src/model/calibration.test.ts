import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  coverageAtPrecision,
  expectedCalibrationError,
  fitSigmoidTemperature,
  fitSoftmaxTemperature,
  softmaxInto,
} from "./calibration.ts";
import { createRandom } from "./random.ts";

describe("calibration", () => {
  it("expected calibration error is the size-weighted gap per bin", () => {
    assert.equal(expectedCalibrationError([0.9, 0.9], [true, true]), 0.09999999999999998);
    assert.ok(Math.abs(expectedCalibrationError([0.95, 0.05], [true, false], 10) - 0.05) < 1e-12);
  });

  it("coverage at precision takes the largest confident prefix that is precise enough", () => {
    assert.equal(coverageAtPrecision([0.99, 0.9, 0.5, 0.4], [true, true, false, true], 0.95), 0.5);
    assert.equal(coverageAtPrecision([0.9], [false], 0.95), 0);
  });

  it("fits a temperature that undoes over-confidence", () => {
    // Logits whose softmax at temperature 2 is the true probability of each class.
    const random = createRandom(5);
    const K = 3;
    const n = 4000;
    const logits = new Float64Array(n * K);
    const labels = new Int32Array(n);
    const p = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) logits[i * K + k] = 4 * random();
      softmaxInto(logits.subarray(i * K, i * K + K), 2, p);
      const u = random();
      labels[i] = u < (p[0] ?? 0) ? 0 : u < (p[0] ?? 0) + (p[1] ?? 0) ? 1 : 2;
    }
    const t = fitSoftmaxTemperature(logits, labels, K);
    assert.ok(Math.abs(t - 2) < 0.3, `temperature ${t}`);
  });

  it("fits a sigmoid temperature", () => {
    const random = createRandom(6);
    const logits = new Float64Array(4000);
    const truth = new Uint8Array(4000);
    for (let i = 0; i < logits.length; i++) {
      logits[i] = 8 * random() - 4;
      truth[i] = random() < 1 / (1 + Math.exp(-(logits[i] ?? 0) / 0.5)) ? 1 : 0;
    }
    const t = fitSigmoidTemperature(logits, truth);
    assert.ok(Math.abs(t - 0.5) < 0.1, `temperature ${t}`);
  });
});
