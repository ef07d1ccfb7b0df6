/**
 * @module eval/reliability
 * Calibration: in each confidence bin, how often the prediction was right compared with how sure the
 * model was. The expected calibration error (ECE) is the support-weighted mean gap.
 */
import { assertPaired, type ScoredPrediction } from "./scored-prediction.ts";

export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  /** Share correct in the bin; 0 when it is empty. */
  accuracy: number;
  /** Mean confidence in the bin; 0 when it is empty. */
  confidence: number;
}

export interface Reliability {
  bins: ReliabilityBin[];
  ece: number;
}

/**
 * Equal-width confidence bins over [0, 1]; the last bin includes 1.
 *
 * @example
 * const { ece, bins } = reliability(gold, predictions, 10);
 * bins[9]; // { lo: 0.9, hi: 1, count, accuracy, confidence }
 */
export function reliability(gold: readonly string[], predicted: readonly ScoredPrediction[], bins = 10): Reliability {
  assertPaired(gold, predicted);
  const count = Math.max(1, Math.floor(bins));
  const sums = Array.from({ length: count }, () => ({ count: 0, correct: 0, confidence: 0 }));
  predicted.forEach((prediction, index) => {
    const confidence = Math.min(1, Math.max(0, prediction.confidence));
    const bin = sums[Math.min(count - 1, Math.floor(confidence * count))];
    if (bin === undefined) return;
    bin.count += 1;
    bin.confidence += confidence;
    if (prediction.label === gold[index]) bin.correct += 1;
  });
  const n = predicted.length;
  let ece = 0;
  const result = sums.map((sum, index) => {
    const accuracy = sum.count === 0 ? 0 : sum.correct / sum.count;
    const confidence = sum.count === 0 ? 0 : sum.confidence / sum.count;
    if (n > 0) ece += (sum.count / n) * Math.abs(accuracy - confidence);
    return { lo: index / count, hi: (index + 1) / count, count: sum.count, accuracy, confidence };
  });
  return { bins: result, ece };
}
