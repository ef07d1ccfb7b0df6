/**
 * @module eval/coverage
 * How much could be applied automatically: items are taken highest confidence first, as a threshold
 * would, and equal confidences are taken together because no threshold can separate them.
 */
import { assertPaired, type ScoredPrediction } from "./scored-prediction.ts";

/** One threshold position: the share of items at or above it and their accuracy. */
export interface CurvePoint {
  threshold: number;
  accuracy: number;
  coverage: number;
}

// Groups of equal confidence, highest first, with the running totals after each group.
function cumulative(gold: readonly string[], predicted: readonly ScoredPrediction[]): CurvePoint[] {
  assertPaired(gold, predicted);
  const order = predicted.map((p, index) => ({ confidence: p.confidence, correct: p.label === gold[index] }));
  order.sort((a, b) => b.confidence - a.confidence);
  const points: CurvePoint[] = [];
  let taken = 0;
  let correct = 0;
  for (let index = 0; index < order.length; index++) {
    const item = order[index];
    if (item === undefined) continue;
    taken += 1;
    if (item.correct) correct += 1;
    if (order[index + 1]?.confidence !== item.confidence) {
      points.push({ threshold: item.confidence, accuracy: correct / taken, coverage: taken / order.length });
    }
  }
  return points;
}

/**
 * The largest share of items whose accuracy reaches `precision` when the most confident are taken
 * first, and the lowest confidence among them (null when not even the most confident group reaches it).
 *
 * @example
 * coverageAtPrecision(["a", "b"], [{ label: "a", confidence: 0.9 }, { label: "a", confidence: 0.6 }], 0.95);
 * // { coverage: 0.5, threshold: 0.9 }
 */
export function coverageAtPrecision(
  gold: readonly string[],
  predicted: readonly ScoredPrediction[],
  precision: number,
): { coverage: number; threshold: number | null } {
  let best: { coverage: number; threshold: number | null } = { coverage: 0, threshold: null };
  // A small tolerance, so 19 of 20 counts as 0.95 despite floating point.
  for (const point of cumulative(gold, predicted)) {
    if (point.accuracy >= precision - 1e-12) best = { coverage: point.coverage, threshold: point.threshold };
  }
  return best;
}

/**
 * Accuracy against coverage as the threshold moves down, one point per distinct confidence, thinned
 * to at most `maxPoints` (the first and last are always kept), for the report's chart.
 *
 * @example
 * precisionCoverageCurve(gold, predictions).at(-1); // { threshold: lowest confidence, accuracy: overall, coverage: 1 }
 */
export function precisionCoverageCurve(
  gold: readonly string[],
  predicted: readonly ScoredPrediction[],
  maxPoints = 200,
): CurvePoint[] {
  const points = cumulative(gold, predicted);
  if (points.length <= maxPoints) return points;
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, i) => points[Math.round(i * step)]).filter(
    (point): point is CurvePoint => point !== undefined,
  );
}
