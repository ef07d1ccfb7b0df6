/**
 * @module model/metrics
 * The held-out figures a model file records about itself.
 */

/**
 * Macro-averaged F1 over the classes `0..K-1` that occur in truth or predictions.
 *
 * @example
 * macroF1([0, 1, 1], [0, 1, 0], 2); // 0.667
 */
export function macroF1(truth: ArrayLike<number>, predicted: ArrayLike<number>, K: number): number {
  const tp = new Float64Array(K);
  const fp = new Float64Array(K);
  const fn = new Float64Array(K);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] as number;
    const p = predicted[i] as number;
    if (t === p) tp[t] = (tp[t] as number) + 1;
    else {
      fp[p] = (fp[p] as number) + 1;
      fn[t] = (fn[t] as number) + 1;
    }
  }
  let sum = 0;
  let classes = 0;
  for (let k = 0; k < K; k++) {
    const denominator = 2 * (tp[k] as number) + (fp[k] as number) + (fn[k] as number);
    if (denominator === 0) continue;
    classes++;
    sum += (2 * (tp[k] as number)) / denominator;
  }
  return classes === 0 ? 0 : sum / classes;
}

/** Rounds for the model file's metadata (so it stays readable). */
export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
