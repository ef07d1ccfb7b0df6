/**
 * @module model/defaults
 * The tuned hyperparameters (chosen on the validation splits of the benchmark tasks and on 5-fold
 * cross-validation of their non-test rows, never on test). C, the NBSVM smoothing, the solver's
 * tolerance and the weight of the word pairs' block are automatic (by text length) unless given.
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
  nbPower: 0.75,
  pairWindow: 0,
  pairAllBelow: 40,
  classBalance: 1,
  tagEpochs: 10,
  tagLearningRate: 2,
});
