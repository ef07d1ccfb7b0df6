/**
 * @module model/cross-fit
 * Out-of-fold scores: each fold is scored by a model trained on the other folds, so every training
 * example gets a held-out score. The calibration and the recorded metrics are fitted on these, while
 * the final model is trained on everything.
 */
import type { SparseRows } from "../features/featurizer.ts";
import { type LinearWeights, linearScores } from "./linear.ts";

/** Fits a model on the given rows (`fold` numbers the fit, for seeding). */
export type Trainer = (sample: Int32Array, fold: number) => Promise<LinearWeights>;

/** Held-out logits, row-major (`outputs` per entry of `sample`, in `sample` order). */
export interface OutOfFold {
  logits: Float64Array;
  /** False when there were too few examples to hold any out (the logits are then empty). */
  available: boolean;
}

/**
 * @example
 * const oof = await crossFit(rows, sample, fold, 3, outputs, (s, f) => trainLinear(rows, targets, s, outputs, config));
 */
export async function crossFit(
  rows: SparseRows,
  sample: Int32Array,
  foldOf: Int32Array,
  folds: number,
  outputs: number,
  train: Trainer,
  onFold?: (done: number) => void,
): Promise<OutOfFold> {
  const logits = new Float64Array(sample.length * outputs);
  if (folds < 2 || sample.length < folds * 2) return { logits: new Float64Array(0), available: false };
  const out = new Float64Array(outputs);
  for (let f = 0; f < folds; f++) {
    const inFold: number[] = [];
    const rest: number[] = [];
    for (let i = 0; i < sample.length; i++) ((foldOf[sample[i] as number] as number) === f ? inFold : rest).push(i);
    const trainRows = Int32Array.from(rest, (i) => sample[i] as number);
    const model = await train(trainRows, f + 1);
    for (const i of inFold) {
      const r = sample[i] as number;
      linearScores(model, rows.indices, rows.values, rows.offsets[r] as number, rows.offsets[r + 1] as number, out);
      logits.set(out, i * outputs);
    }
    onFold?.(f + 1);
  }
  return { logits, available: true };
}
