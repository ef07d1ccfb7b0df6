/**
 * @module model/linear
 * A linear model over sparse features, trained by stochastic gradient descent: softmax (one label
 * per text) or independent sigmoids (several tags per text). The learning rate falls linearly to zero
 * over the epochs, and L2 shrinkage is applied through a running scale so that each step stays sparse.
 */
import type { SparseRows } from "../features/featurizer.ts";
import { createRandom, shuffle } from "./random.ts";

export type LinearLoss = "softmax" | "sigmoid" | "hinge";

export interface LinearTrainConfig {
  loss: LinearLoss;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

/** Targets per row as sparse lists of output numbers: exactly one for softmax, any number for sigmoid. */
export interface Targets {
  offsets: Int32Array;
  ids: Int32Array;
}

/** Weights stored feature-major: the `outputs` weights of feature `f` start at `f * outputs`. */
export interface LinearWeights {
  features: number;
  outputs: number;
  weights: Float32Array;
  bias: Float32Array;
}

/**
 * Trains on the rows listed in `sample`. `pause` is awaited now and then (see createYielder).
 *
 * @example
 * const weights = await trainLinear(rows, targets, sample, 10, config, pause);
 */
export async function trainLinear(
  rows: SparseRows,
  targets: Targets,
  sample: Int32Array,
  outputs: number,
  config: LinearTrainConfig,
  pause: () => Promise<void> | undefined = () => undefined,
): Promise<LinearWeights> {
  const K = outputs;
  const V = new Float32Array(rows.cols * K);
  const bias = new Float64Array(K);
  const scores = new Float64Array(K);
  const grad = new Float64Array(K);
  const active = new Int32Array(K);
  const activeGrad = new Float64Array(K);
  const order = Int32Array.from(sample);
  const random = createRandom(config.seed);
  const { offsets, indices, values } = rows;
  const total = config.epochs * order.length;
  const softmax = config.loss === "softmax";
  const hinge = config.loss === "hinge";
  let scale = 1;
  let step = 0;

  for (let epoch = 0; epoch < config.epochs; epoch++) {
    shuffle(order, random);
    for (let o = 0; o < order.length; o++) {
      const r = order[o] as number;
      const lr = config.learningRate * (1 - step / total);
      step++;
      const from = offsets[r] as number;
      const to = offsets[r + 1] as number;
      scores.fill(0);
      for (let i = from; i < to; i++) {
        const base = (indices[i] as number) * K;
        const x = values[i] as number;
        for (let k = 0; k < K; k++) scores[k] = (scores[k] as number) + x * (V[base + k] as number);
      }
      for (let k = 0; k < K; k++) scores[k] = (scores[k] as number) * scale + (bias[k] as number);
      if (hinge) hingeGradient(scores, grad, targets, r);
      else outputGradient(scores, grad, targets, r, softmax);
      let count = 0;
      for (let k = 0; k < K; k++) {
        const g = grad[k] as number;
        if (g > 1e-7 || g < -1e-7) {
          active[count] = k;
          activeGrad[count++] = g;
          bias[k] = (bias[k] as number) - lr * g;
        }
      }
      if (count > 0) {
        const s = lr / scale;
        for (let i = from; i < to; i++) {
          const base = (indices[i] as number) * K;
          const x = s * (values[i] as number);
          for (let a = 0; a < count; a++) {
            const at = base + (active[a] as number);
            V[at] = (V[at] as number) - x * (activeGrad[a] as number);
          }
        }
      }
      if (config.l2 > 0) {
        scale *= 1 - lr * config.l2;
        if (scale < 1e-4) {
          for (let i = 0; i < V.length; i++) V[i] = (V[i] as number) * scale;
          scale = 1;
        }
      }
      if ((o & 63) === 0) await pause();
    }
  }
  if (scale !== 1) for (let i = 0; i < V.length; i++) V[i] = (V[i] as number) * scale;
  return { features: rows.cols, outputs: K, weights: V, bias: Float32Array.from(bias) };
}

/** One-vs-rest squared hinge: d/ds of max(0, 1 - y s)^2 with y = ±1. */
function hingeGradient(scores: Float64Array, grad: Float64Array, targets: Targets, row: number) {
  const K = scores.length;
  for (let k = 0; k < K; k++) {
    const m = 1 + (scores[k] as number);
    grad[k] = m > 0 ? 2 * m : 0;
  }
  for (let t = targets.offsets[row] as number; t < (targets.offsets[row + 1] as number); t++) {
    const k = targets.ids[t] as number;
    const m = 1 - (scores[k] as number);
    grad[k] = m > 0 ? -2 * m : 0;
  }
}

/** d loss / d score for each output, written into `grad`. */
function outputGradient(scores: Float64Array, grad: Float64Array, targets: Targets, row: number, softmax: boolean) {
  const K = scores.length;
  if (softmax) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) if ((scores[k] as number) > max) max = scores[k] as number;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp((scores[k] as number) - max);
      grad[k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) grad[k] = (grad[k] as number) / sum;
  } else {
    for (let k = 0; k < K; k++) grad[k] = 1 / (1 + Math.exp(-(scores[k] as number)));
  }
  for (let t = targets.offsets[row] as number; t < (targets.offsets[row + 1] as number); t++) {
    const k = targets.ids[t] as number;
    grad[k] = (grad[k] as number) - 1;
  }
}

/**
 * The raw scores (logits) of one sparse vector.
 *
 * @example
 * linearScores(weights, vector.indices, vector.values, 0, vector.length, out);
 */
export function linearScores(
  model: LinearWeights,
  indices: Int32Array,
  values: Float32Array,
  from: number,
  to: number,
  out: Float64Array,
): void {
  const K = model.outputs;
  const W = model.weights;
  for (let k = 0; k < K; k++) out[k] = model.bias[k] as number;
  for (let i = from; i < to; i++) {
    const base = (indices[i] as number) * K;
    const x = values[i] as number;
    for (let k = 0; k < K; k++) out[k] = (out[k] as number) + x * (W[base + k] as number);
  }
}
