/**
 * @module model/dual-svm
 * One-vs-rest L2-regularised squared-hinge SVMs solved exactly by dual coordinate descent
 * (Hsieh et al. 2008, liblinear's `L2R_L2LOSS_SVC_DUAL`): it converges to the optimum that
 * scikit-learn's LinearSVC finds, in a few passes over sparse rows. All classes are solved together
 * over one feature-major matrix, so a row's features are read once per pass for every class, and a
 * (row, class) pair whose dual variable is 0 with a non-negative gradient costs no update.
 * The bias is a regularised constant feature of value 1, as in liblinear.
 */
import type { SparseRows } from "../features/featurizer.ts";
import type { LinearWeights, Targets } from "./linear.ts";
import { createRandom, shuffle } from "./random.ts";

export interface DualSvmConfig {
  /** Cost of a margin violation (liblinear's C; larger fits the training data more closely). */
  C: number;
  /** Most passes over the data. */
  maxEpochs: number;
  /** Stop when the largest projected-gradient spread of every class is at most this (liblinear's eps). */
  tolerance: number;
  seed: number;
  /** A starting point for the dual variables (`outputs` per entry of `sample`), e.g. from the cross-fitting folds. */
  initialAlpha?: Float64Array;
  /**
   * Per-class feature scales (feature-major, `outputs` per feature), e.g. NBSVM log-count ratios:
   * class k is trained on x ∘ scale_k, and the returned weights already include the scale, so
   * scoring stays a plain dot product with x.
   */
  featureScale?: Float32Array;
  /**
   * Per-class cost multipliers (`outputs` entries): a row of class c costs C·classWeight[c] in every
   * class's problem, e.g. n/(K·n_c) to balance rare classes (scikit-learn's `class_weight="balanced"`
   * as sample weights).
   */
  classWeight?: Float64Array;
}

/** The weights and the dual variables they came from (`outputs` per entry of `sample`). */
export interface DualSvmResult extends LinearWeights {
  alpha: Float64Array;
}

/**
 * Trains on the rows in `sample` (each with exactly one target). `pause` is awaited now and then.
 *
 * @example
 * const weights = await trainDualSvm(rows, targets, sample, 10, { C: 1, maxEpochs: 30, tolerance: 0.1, seed: 1 });
 */
export async function trainDualSvm(
  rows: SparseRows,
  targets: Targets,
  sample: Int32Array,
  outputs: number,
  config: DualSvmConfig,
  pause: () => Promise<void> | undefined = () => undefined,
): Promise<DualSvmResult> {
  const K = outputs;
  const n = sample.length;
  const bias = new Float64Array(K);
  const alpha = config.initialAlpha ? Float64Array.from(config.initialAlpha) : new Float64Array(n * K);
  const label = new Int32Array(n);
  const { offsets, indices, values } = rows;
  // The weights kept are the effective ones (w_k ∘ scale_k), so an update adds x·scale² and a score is x·W.
  const scale = config.featureScale;
  // With scales, each feature's row holds its K weights then its K squared scales, side by side, so
  // the update reads both from the same cache lines (the solver is bound by random memory reads).
  const stride = scale ? 2 * K : K;
  const W = new Float32Array(rows.cols * stride);
  if (scale) {
    for (let f = 0; f < rows.cols; f++) {
      for (let k = 0; k < K; k++) W[f * stride + K + k] = (scale[f * K + k] as number) ** 2;
    }
  }
  const squared = scale !== undefined;
  const qd = new Float64Array(squared ? n * K : n);
  // Squared hinge: the dual gains a diagonal 1/(2C) and has no upper bound on alpha.
  // With class weights each row has its own C, so its own diagonal (qd then holds the norms only).
  const rowDiag = new Float64Array(n).fill(1 / (2 * config.C));
  const weighted = config.classWeight !== undefined;
  const diag = weighted ? 0 : 1 / (2 * config.C);
  for (let i = 0; i < n; i++) {
    const r = sample[i] as number;
    label[i] = targets.ids[targets.offsets[r] as number] as number;
    if (config.classWeight) rowDiag[i] = 1 / (2 * config.C * (config.classWeight[label[i] as number] as number));
    if (squared) {
      for (let k = 0; k < K; k++) qd[i * K + k] = 1 + diag; // the bias feature
      for (let j = offsets[r] as number; j < (offsets[r + 1] as number); j++) {
        const x2 = (values[j] as number) ** 2;
        const base = (indices[j] as number) * stride + K;
        for (let k = 0; k < K; k++) qd[i * K + k] = (qd[i * K + k] as number) + x2 * (W[base + k] as number);
      }
      continue;
    }
    let norm = 1; // the bias feature
    for (let j = offsets[r] as number; j < (offsets[r + 1] as number); j++) norm += (values[j] as number) ** 2;
    qd[i] = norm + diag;
  }
  if (config.initialAlpha) {
    // w = Σ alpha·y·x: a warm start near the optimum takes a few passes instead of tens.
    for (let i = 0; i < n; i++) {
      const r = sample[i] as number;
      for (let k = 0; k < K; k++) {
        const a = alpha[i * K + k] as number;
        if (a === 0) continue;
        const d = k === label[i] ? a : -a;
        bias[k] = (bias[k] as number) + d;
        for (let j = offsets[r] as number; j < (offsets[r + 1] as number); j++) {
          const at = (indices[j] as number) * stride + k;
          W[at] = (W[at] as number) + (values[j] as number) * d * (squared ? (W[at + K] as number) : 1);
        }
      }
    }
  }
  const scores = new Float64Array(K);
  const delta = new Float64Array(K);
  const changed = new Int32Array(K);
  const list = new Int32Array(K);
  // Shrinking (as liblinear): a pair whose alpha is 0 and whose gradient exceeds the previous pass's
  // largest projected gradient is left out until its class looks converged, then everything is rechecked.
  const active = new Uint8Array(n * K).fill(1);
  const activeCount = new Int32Array(K).fill(n);
  const done = new Uint8Array(K);
  const oldMax = new Float64Array(K).fill(Infinity);
  const oldMin = new Float64Array(K).fill(-Infinity);
  const newMax = new Float64Array(K);
  const newMin = new Float64Array(K);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = createRandom(config.seed);
  let remaining = K;

  for (let epoch = 0; epoch < config.maxEpochs && remaining > 0; epoch++) {
    shuffle(order, random);
    newMax.fill(-Infinity);
    newMin.fill(Infinity);
    for (let o = 0; o < n; o++) {
      const i = order[o] as number;
      const a0 = i * K;
      let m = 0;
      for (let k = 0; k < K; k++) if (active[a0 + k] === 1) list[m++] = k;
      if (m === 0) continue;
      const r = sample[i] as number;
      const from = offsets[r] as number;
      const to = offsets[r + 1] as number;
      if (m === K) {
        for (let k = 0; k < K; k++) scores[k] = bias[k] as number;
        for (let j = from; j < to; j++) {
          const base = (indices[j] as number) * stride;
          const x = values[j] as number;
          for (let k = 0; k < K; k++) scores[k] = (scores[k] as number) + x * (W[base + k] as number);
        }
      } else {
        for (let c = 0; c < m; c++) scores[c] = bias[list[c] as number] as number;
        for (let j = from; j < to; j++) {
          const base = (indices[j] as number) * stride;
          const x = values[j] as number;
          for (let c = 0; c < m; c++) scores[c] = (scores[c] as number) + x * (W[base + (list[c] as number)] as number);
        }
      }
      const y0 = label[i] as number;
      const di = rowDiag[i] as number;
      let count = 0;
      for (let c = 0; c < m; c++) {
        const k = list[c] as number;
        const y = k === y0 ? 1 : -1;
        const a = alpha[a0 + k] as number;
        const g = y * (scores[m === K ? k : c] as number) - 1 + di * a;
        let pg = g;
        if (a === 0) {
          if (g > (oldMax[k] as number)) {
            active[a0 + k] = 0;
            activeCount[k] = (activeCount[k] as number) - 1;
            continue;
          }
          if (g > 0) pg = 0;
        }
        if (pg > (newMax[k] as number)) newMax[k] = pg;
        if (pg < (newMin[k] as number)) newMin[k] = pg;
        if (pg > 1e-12 || pg < -1e-12) {
          const q = ((squared ? qd[a0 + k] : qd[i]) as number) + (weighted ? di : 0);
          const next = Math.max(a - g / q, 0);
          alpha[a0 + k] = next;
          const d = (next - a) * y;
          if (d !== 0) {
            changed[count] = k;
            delta[count++] = d;
            bias[k] = (bias[k] as number) + d;
          }
        }
      }
      if (count > 0 && squared) {
        for (let j = from; j < to; j++) {
          const base = (indices[j] as number) * stride;
          const x = values[j] as number;
          for (let c = 0; c < count; c++) {
            const at = base + (changed[c] as number);
            W[at] = (W[at] as number) + x * (delta[c] as number) * (W[at + K] as number);
          }
        }
      } else if (count > 0) {
        for (let j = from; j < to; j++) {
          const base = (indices[j] as number) * K;
          const x = values[j] as number;
          for (let c = 0; c < count; c++) {
            const at = base + (changed[c] as number);
            W[at] = (W[at] as number) + x * (delta[c] as number);
          }
        }
      }
      if ((o & 31) === 0) await pause();
    }
    for (let k = 0; k < K; k++) {
      if (done[k] === 1) continue;
      const max = newMax[k] as number;
      const min = newMin[k] as number;
      if (max - min <= config.tolerance || activeCount[k] === 0) {
        if (activeCount[k] === n) {
          done[k] = 1;
          remaining--;
          for (let i = 0; i < n; i++) active[i * K + k] = 0;
          continue;
        }
        // Converged on the shrunk set: check every pair again next pass.
        for (let i = 0; i < n; i++) active[i * K + k] = 1;
        activeCount[k] = n;
        oldMax[k] = Infinity;
        oldMin[k] = -Infinity;
        continue;
      }
      oldMax[k] = max <= 0 ? Infinity : max;
      oldMin[k] = min >= 0 ? -Infinity : min;
    }
  }
  let weights = W;
  if (scale) {
    weights = new Float32Array(rows.cols * K);
    for (let f = 0; f < rows.cols; f++) weights.set(W.subarray(f * stride, f * stride + K), f * K);
  }
  return { features: rows.cols, outputs: K, weights, bias: Float32Array.from(bias), alpha };
}
