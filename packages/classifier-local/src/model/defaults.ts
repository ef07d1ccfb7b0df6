/**
 * @module model/defaults
 * The tuned hyperparameters (chosen on the validation splits of the benchmark tasks, never on test).
 */
import type { Hyperparameters } from "./types.ts";

/**
 * @example
 * trainModel(examples, { hyper: { ...DEFAULT_HYPERPARAMETERS, epochs: 5 } });
 */
export const DEFAULT_HYPERPARAMETERS: Readonly<Hyperparameters> = Object.freeze({
  wordNgrams: 2,
  charMin: 2,
  charMax: 5,
  maxChars: 4000,
  minDf: 1,
  wordWeight: 0.8,
  charWeight: 1,
  epochs: 8,
  learningRate: 0.15,
  l2: 2e-5,
  folds: 2,
  solver: "dual",
  maxEpochs: 30,
  tolerance: 0.2,
  nbPower: 0.75,
  classBalance: 1,
  tagEpochs: 10,
  tagLearningRate: 2,
});
