/**
 * @module model/calibration
 * Temperature scaling: one number per head that divides the logits so that the confidences match
 * how often the model is right on held-out (out-of-fold) predictions. It changes no ranking, so
 * accuracy is untouched.
 */

/** Softmax of `logits / temperature` into `out`. */
export function softmaxInto(logits: ArrayLike<number>, temperature: number, out: Float64Array): void {
  const K = out.length;
  let max = -Infinity;
  for (let k = 0; k < K; k++) if ((logits[k] as number) > max) max = logits[k] as number;
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp(((logits[k] as number) - max) / temperature);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < K; k++) out[k] = (out[k] as number) / sum;
}

/** Logistic function of `logit / temperature`. */
export function sigmoid(logit: number, temperature: number): number {
  return 1 / (1 + Math.exp(-logit / temperature));
}

/** Mean negative log-likelihood of the true labels (row-major logits, `K` per row). */
function softmaxNll(logits: Float64Array, labels: Int32Array, K: number, temperature: number): number {
  const p = new Float64Array(K);
  let total = 0;
  for (let r = 0; r < labels.length; r++) {
    softmaxInto(logits.subarray(r * K, r * K + K), temperature, p);
    total -= Math.log(Math.max(p[labels[r] as number] as number, 1e-12));
  }
  return total / Math.max(1, labels.length);
}

/** Mean binary negative log-likelihood over all (row, output) pairs. */
function sigmoidNll(logits: Float64Array, truth: Uint8Array, temperature: number): number {
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const p = sigmoid(logits[i] as number, temperature);
    total -= Math.log(Math.max(truth[i] === 1 ? p : 1 - p, 1e-12));
  }
  return total / Math.max(1, logits.length);
}

/** Golden-section search for the minimum of `f` over log-temperature in [ln 0.05, ln 20]. */
function minimiseTemperature(f: (temperature: number) => number): number {
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = f(Math.exp(a));
  let fb = f(Math.exp(b));
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = f(Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = f(Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * The temperature that minimises the held-out log-loss of a single-label head.
 *
 * @example
 * const t = fitSoftmaxTemperature(oofLogits, oofLabels, classes);
 */
export function fitSoftmaxTemperature(logits: Float64Array, labels: Int32Array, K: number): number {
  if (labels.length === 0) return 1;
  return minimiseTemperature((t) => softmaxNll(logits, labels, K, t));
}

/** The temperature that minimises the held-out binary log-loss of the tag head. */
export function fitSigmoidTemperature(logits: Float64Array, truth: Uint8Array): number {
  if (logits.length === 0) return 1;
  return minimiseTemperature((t) => sigmoidNll(logits, truth, t));
}

/**
 * Expected calibration error: the mean gap between confidence and accuracy over equal-width bins,
 * weighted by bin size.
 *
 * @example
 * expectedCalibrationError([0.9, 0.6], [true, false]); // 0.35
 */
export function expectedCalibrationError(
  confidences: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  bins = 15,
): number {
  const count = new Float64Array(bins);
  const confSum = new Float64Array(bins);
  const rightSum = new Float64Array(bins);
  const n = confidences.length;
  for (let i = 0; i < n; i++) {
    const c = confidences[i] as number;
    const b = Math.min(bins - 1, Math.floor(c * bins));
    count[b] = (count[b] as number) + 1;
    confSum[b] = (confSum[b] as number) + c;
    rightSum[b] = (rightSum[b] as number) + (correct[i] ? 1 : 0);
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    ece += Math.abs((confSum[b] as number) - (rightSum[b] as number)) / Math.max(1, n);
  }
  return ece;
}

/**
 * The share of items accepted at the lowest confidence threshold at which the accepted items are
 * still at least `precision` correct (0 when none is).
 *
 * @example
 * coverageAtPrecision([0.99, 0.9, 0.5], [true, true, false], 0.95); // 2/3
 */
export function coverageAtPrecision(
  confidences: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  precision = 0.95,
): number {
  const n = confidences.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (confidences[b] as number) - (confidences[a] as number),
  );
  let right = 0;
  let best = 0;
  for (let i = 0; i < n; i++) {
    if (correct[order[i] as number]) right++;
    if (right / (i + 1) >= precision) best = i + 1;
  }
  return n === 0 ? 0 : best / n;
}
