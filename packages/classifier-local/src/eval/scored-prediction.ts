/**
 * @module eval/scored-prediction
 * What the metrics take: a predicted label and its confidence, paired by index with a gold label.
 */
import { OtaiError } from "@otai/core";

export interface ScoredPrediction {
  label: string;
  confidence: number;
}

/** Throws unless every gold label has exactly one prediction. */
export function assertPaired(gold: readonly string[], predicted: readonly ScoredPrediction[]): void {
  if (gold.length !== predicted.length) {
    throw new OtaiError(
      "OTAI_INTERNAL",
      `metrics need one prediction per gold label: got ${predicted.length} predictions for ${gold.length} labels`,
    );
  }
}
