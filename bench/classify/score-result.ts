/**
 * @module bench/classify/score-result
 * Turns one child's raw predictions into a result row, with the same metric code for every model.
 */

import { evaluatePredictions, type ScoredPrediction } from "../../packages/classifier-local/src/eval/index.ts";
import type { ChildResult, PredictionTuple } from "./child-result.ts";
import type { Split, TaskName } from "./datasets.ts";
import type { ModelName } from "./models.ts";
import { chooseOosThreshold, oosRecall } from "./oos-threshold.ts";
import type { BenchRow } from "./results-table.ts";

/** A child's prediction tuples of one split as scored predictions, checked to be one per item. */
export const scored = (tuples: readonly PredictionTuple[] | undefined, n: number, what: string): ScoredPrediction[] => {
  if (!tuples || tuples.length !== n) throw new Error(`${what}: expected ${n} predictions, got ${tuples?.length ?? 0}`);
  return tuples.map(([label, confidence]) => ({ label, confidence }));
};

/**
 * Accuracy, macro-F1 and coverage at 95% precision on test; for CLINC150 also the OOS recall on `oos_test`
 * at the threshold chosen on in-scope `val` (never on test).
 *
 * @example
 * const row = scoreResult("fasttext", "banking77", loadTask("banking77"), childResult);
 */
export function scoreResult(
  model: ModelName,
  task: TaskName,
  split: Split,
  result: ChildResult,
): BenchRow & { oos_threshold: number | null } {
  const test = scored(result.predictions.test, split.test.length, "test");
  const evaluation = evaluatePredictions(
    split.test.map((e) => e.label),
    test,
  );
  let threshold: number | null = null;
  let recall: number | null = null;
  if (split.oosTest) {
    const val = scored(result.predictions.val, split.val.length, "val");
    threshold = chooseOosThreshold(
      split.val.map((e) => e.label),
      val,
    );
    recall = oosRecall(scored(result.predictions.oos_test, split.oosTest.length, "oos_test"), threshold);
  }
  return {
    model,
    task,
    accuracy: evaluation.accuracy,
    macro_f1: evaluation.macro_f1,
    coverage_at_precision_95: evaluation.coverage_at_precision_95,
    train_s: result.train_s,
    predict_per_s: result.predict_per_s,
    peak_rss_mb: result.peak_rss_mb,
    oos_recall: recall,
    oos_threshold: threshold,
  };
}
