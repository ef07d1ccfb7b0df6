import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fitFeatures } from "../features/featurizer.ts";
import { DEFAULT_HYPERPARAMETERS } from "./defaults.ts";
import { trainDualSvm } from "./dual-svm.ts";
import { featureConfig } from "./feature-config.ts";
import { linearScores } from "./linear.ts";
import { logCountRatios } from "./log-count-ratio.ts";
import { syntheticExamples } from "./synthetic-examples.ts";

const examples = syntheticExamples(240, 3);
const labels = [...new Set(examples.map((e) => e.labels.queue as string))].sort();
const { rows } = await fitFeatures(
  examples.map((e) => e.text),
  featureConfig(DEFAULT_HYPERPARAMETERS),
);
const targets = {
  offsets: Int32Array.from({ length: rows.rows + 1 }, (_, i) => i),
  ids: Int32Array.from(examples, (e) => labels.indexOf(e.labels.queue as string)),
};
const sample = Int32Array.from({ length: rows.rows }, (_, i) => i);
const K = labels.length;

/** The primal objective of one class: ½‖w‖² (bias included) + C Σ max(0, 1 − y·s)². */
function objective(w: Float32Array, bias: Float32Array, k: number, C: number): number {
  let norm = (bias[k] as number) ** 2;
  for (let f = 0; f < rows.cols; f++) norm += (w[f * K + k] as number) ** 2;
  const out = new Float64Array(K);
  let loss = 0;
  for (let r = 0; r < rows.rows; r++) {
    linearScores(
      { features: rows.cols, outputs: K, weights: w, bias },
      rows.indices,
      rows.values,
      rows.offsets[r] as number,
      rows.offsets[r + 1] as number,
      out,
    );
    const y = targets.ids[r] === k ? 1 : -1;
    loss += Math.max(0, 1 - y * (out[k] as number)) ** 2;
  }
  return norm / 2 + C * loss;
}

describe("trainDualSvm", () => {
  it("fits the synthetic tickets and reaches the optimum: a perturbed solution is never better", async () => {
    const C = 1;
    const model = await trainDualSvm(rows, targets, sample, K, { C, maxEpochs: 200, tolerance: 1e-3, seed: 1 });
    const out = new Float64Array(K);
    let correct = 0;
    for (let r = 0; r < rows.rows; r++) {
      linearScores(model, rows.indices, rows.values, rows.offsets[r] as number, rows.offsets[r + 1] as number, out);
      let best = 0;
      for (let k = 1; k < K; k++) if ((out[k] as number) > (out[best] as number)) best = k;
      if (best === targets.ids[r]) correct++;
    }
    assert.ok(correct / rows.rows > 0.9, `training accuracy ${correct / rows.rows}`);
    const at = objective(model.weights, model.bias, 0, C);
    for (const step of [0.02, -0.02]) {
      const w = Float32Array.from(model.weights, (v) => v * (1 + step));
      assert.ok(objective(w, model.bias, 0, C) >= at - 1e-6, `scaling by ${1 + step} lowered the objective`);
    }
  });

  it("from a warm start reaches the same solution in fewer or equal passes, deterministically", async () => {
    const config = { C: 2, maxEpochs: 200, tolerance: 1e-3, seed: 4 };
    const cold = await trainDualSvm(rows, targets, sample, K, config);
    const again = await trainDualSvm(rows, targets, sample, K, config);
    assert.deepEqual(again.weights, cold.weights, "same seed, same weights");
    const warm = await trainDualSvm(rows, targets, sample, K, { ...config, initialAlpha: cold.alpha });
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < cold.weights.length; i++) {
      diff += ((warm.weights[i] as number) - (cold.weights[i] as number)) ** 2;
      norm += (cold.weights[i] as number) ** 2;
    }
    assert.ok(Math.sqrt(diff / norm) < 0.01, `relative distance ${Math.sqrt(diff / norm)}`);
  });

  it("with feature scales finds each class's SVM on the scaled features, returned as effective weights", async () => {
    const config = { C: 1, maxEpochs: 300, tolerance: 1e-4, seed: 2 };
    const scale = logCountRatios(rows, targets, sample, K, 1);
    const joint = await trainDualSvm(rows, targets, sample, K, { ...config, featureScale: scale });
    const k = 1;
    // The same class alone, as a plain binary SVM on x ∘ r_k (label 0 is the positive class).
    const scaled = {
      ...rows,
      values: Float32Array.from(rows.values, (v, j) => v * (scale[(rows.indices[j] as number) * K + k] as number)),
    };
    const binary = { offsets: targets.offsets, ids: Int32Array.from(targets.ids, (id) => (id === k ? 0 : 1)) };
    const alone = await trainDualSvm(scaled, binary, sample, 1, config);
    let diff = 0;
    let norm = 0;
    for (let f = 0; f < rows.cols; f++) {
      const effective = (alone.weights[f] as number) * (scale[f * K + k] as number);
      diff += ((joint.weights[f * K + k] as number) - effective) ** 2;
      norm += effective ** 2;
    }
    assert.ok(norm > 0 && Math.sqrt(diff / norm) < 0.01, `relative distance ${Math.sqrt(diff / norm)}`);
    assert.ok(Math.abs((joint.bias[k] as number) - (alone.bias[0] as number)) < 0.01);
  });

  it("with class weights: uniform weight w is the same fit as C·w; up-weighting a class raises its scores", async () => {
    const config = { maxEpochs: 300, tolerance: 1e-4, seed: 3 };
    const doubled = await trainDualSvm(rows, targets, sample, K, { ...config, C: 2 });
    const uniform = new Float64Array(K).fill(2);
    const weighted = await trainDualSvm(rows, targets, sample, K, { ...config, C: 1, classWeight: uniform });
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < doubled.weights.length; i++) {
      diff += ((weighted.weights[i] as number) - (doubled.weights[i] as number)) ** 2;
      norm += (doubled.weights[i] as number) ** 2;
    }
    assert.ok(Math.sqrt(diff / norm) < 0.01, `relative distance ${Math.sqrt(diff / norm)}`);
    // Up-weighting class 0's rows makes missing them dearer, so class 0's own scores rise.
    const plain = await trainDualSvm(rows, targets, sample, K, { ...config, C: 0.1 });
    const favoured = await trainDualSvm(rows, targets, sample, K, {
      ...config,
      C: 0.1,
      classWeight: Float64Array.from({ length: K }, (_, k) => (k === 0 ? 8 : 1)),
    });
    const meanScore = (model: typeof plain) => {
      const out = new Float64Array(K);
      let sum = 0;
      for (let r = 0; r < rows.rows; r++) {
        linearScores(model, rows.indices, rows.values, rows.offsets[r] as number, rows.offsets[r + 1] as number, out);
        sum += out[0] as number;
      }
      return sum / rows.rows;
    };
    assert.ok(meanScore(favoured) > meanScore(plain), `${meanScore(favoured)} vs ${meanScore(plain)}`);
  });
});
