/**
 * @module model/cross-fit
 * Out-of-fold scores: each fold is scored by a model trained on the other folds, so every training
 * example gets a held-out score. The calibration and the recorded metrics are fitted on these, while
 * the final model is trained on everything.
 */
import type { SparseRows } from "../features/featurizer.ts";
import { type LinearTrainConfig, linearScores, type Targets, trainLinear } from "./linear.ts";

/** Held-out logits, row-major (`outputs` per entry of `sample`, in `sample` order). */
export interface OutOfFold {
  logits: Float64Array;
  /** False when there were too few examples to hold any out (the logits are then empty). */
  available: boolean;
}

/**
 * @example
 * const oof = await crossFit(rows, targets, sample, fold, 3, outputs, config, pause);
 */
export async function crossFit(
  rows: SparseRows,
  targets: Targets,
  sample: Int32Array,
  foldOf: Int32Array,
  folds: number,
  outputs: number,
  config: LinearTrainConfig,
  pause: () => Promise<void> | undefined,
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
    const model = await trainLinear(rows, targets, trainRows, outputs, { ...config, seed: config.seed + f + 1 }, pause);
    for (const i of inFold) {
      const r = sample[i] as number;
      linearScores(model, rows.indices, rows.values, rows.offsets[r] as number, rows.offsets[r + 1] as number, out);
      logits.set(out, i * outputs);
    }
    onFold?.(f + 1);
  }
  return { logits, available: true };
}
