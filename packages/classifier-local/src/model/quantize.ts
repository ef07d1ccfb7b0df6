/**
 * @module model/quantize
 * Weights are stored as int8 with one float scale per feature row, which keeps a 150-class model
 * far under 20 MB. A trained model predicts from the same int8 weights as a loaded one, so saving
 * and loading never changes a prediction.
 */

export interface QuantisedWeights {
  /** One scale per feature row. */
  scales: Float32Array;
  values: Int8Array;
}

/**
 * @example
 * const q = quantise(weights, outputs); // q.values[i] * q.scales[row] ≈ weights[i]
 */
export function quantise(weights: Float32Array, outputs: number): QuantisedWeights {
  const rows = outputs === 0 ? 0 : weights.length / outputs;
  const scales = new Float32Array(rows);
  const values = new Int8Array(weights.length);
  for (let r = 0; r < rows; r++) {
    const base = r * outputs;
    let max = 0;
    for (let k = 0; k < outputs; k++) max = Math.max(max, Math.abs(weights[base + k] as number));
    const scale = Math.fround(max / 127);
    scales[r] = scale;
    if (scale === 0) continue;
    for (let k = 0; k < outputs; k++) values[base + k] = Math.round((weights[base + k] as number) / scale);
  }
  return { scales, values };
}
