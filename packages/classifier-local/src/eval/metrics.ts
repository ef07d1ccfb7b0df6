/**
 * @module eval/metrics
 * Accuracy, per-class precision/recall/F1, macro-F1 (as scikit-learn's `f1_score(average="macro")`:
 * over the union of gold and predicted labels, 0 where a class has no predictions or no support),
 * the confusion matrix, a threshold table and the coverage at 95% precision.
 */
import { coverageAtPrecision } from "./coverage.ts";
import { assertPaired, type ScoredPrediction } from "./scored-prediction.ts";

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ThresholdRow {
  threshold: number;
  /** Accuracy of the items at or above the threshold; 0 when none are (coverage 0). */
  accuracy: number;
  coverage: number;
}

export interface EvalReport {
  n: number;
  accuracy: number;
  macro_f1: number;
  per_class: Record<string, ClassMetrics>;
  /** Rows are gold labels, columns predicted ones, both in `labels` order. */
  confusion: { labels: string[]; matrix: number[][] };
  /** 0.50, 0.55, …, 0.95. */
  thresholds: ThresholdRow[];
  coverage_at_precision_95: number;
}

/** The thresholds of {@link EvalReport.thresholds}: 0.50 to 0.95 in steps of 0.05. */
export const REPORT_THRESHOLDS: readonly number[] = Array.from({ length: 10 }, (_, i) => (50 + 5 * i) / 100);

/**
 * Compares predictions with gold labels (paired by index).
 *
 * @param options.labels the order of classes in `per_class` and `confusion`; labels seen but not
 *   listed follow, sorted; listed labels that occur in neither gold nor predictions are left out.
 * @example
 * const report = evaluatePredictions(["a", "b"], [{ label: "a", confidence: 0.9 }, { label: "a", confidence: 0.6 }]);
 * report.accuracy; // 0.5
 * report.per_class.b?.f1; // 0 (never predicted)
 */
export function evaluatePredictions(
  gold: readonly string[],
  predicted: readonly ScoredPrediction[],
  options: { labels?: readonly string[] } = {},
): EvalReport {
  assertPaired(gold, predicted);
  const present = new Set([...gold, ...predicted.map((p) => p.label)]);
  const listed = (options.labels ?? []).filter((label, i, all) => present.has(label) && all.indexOf(label) === i);
  const labels = [...listed, ...[...present].filter((label) => !listed.includes(label)).sort()];
  const index = new Map(labels.map((label, i) => [label, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  let correct = 0;
  gold.forEach((label, i) => {
    const row = matrix[index.get(label) ?? 0];
    const column = index.get(predicted[i]?.label ?? "") ?? 0;
    if (row) row[column] = (row[column] ?? 0) + 1;
    if (predicted[i]?.label === label) correct += 1;
  });
  const per_class: Record<string, ClassMetrics> = {};
  labels.forEach((label, i) => {
    const truePositives = matrix[i]?.[i] ?? 0;
    const support = (matrix[i] ?? []).reduce((sum, count) => sum + count, 0);
    const predictedCount = matrix.reduce((sum, row) => sum + (row[i] ?? 0), 0);
    const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    per_class[label] = { precision, recall, f1, support };
  });
  const f1s = Object.values(per_class).map((metrics) => metrics.f1);
  const n = gold.length;
  return {
    n,
    accuracy: n === 0 ? 0 : correct / n,
    macro_f1: f1s.length === 0 ? 0 : f1s.reduce((sum, f1) => sum + f1, 0) / f1s.length,
    per_class,
    confusion: { labels, matrix },
    thresholds: REPORT_THRESHOLDS.map((threshold) => thresholdRow(gold, predicted, threshold)),
    coverage_at_precision_95: coverageAtPrecision(gold, predicted, 0.95).coverage,
  };
}

function thresholdRow(
  gold: readonly string[],
  predicted: readonly ScoredPrediction[],
  threshold: number,
): ThresholdRow {
  let taken = 0;
  let correct = 0;
  predicted.forEach((prediction, i) => {
    // The tolerance keeps a confidence of exactly 0.7 at the 0.7 threshold despite float noise.
    if (prediction.confidence < threshold - 1e-12) return;
    taken += 1;
    if (prediction.label === gold[i]) correct += 1;
  });
  return {
    threshold,
    accuracy: taken === 0 ? 0 : correct / taken,
    coverage: predicted.length === 0 ? 0 : taken / predicted.length,
  };
}
