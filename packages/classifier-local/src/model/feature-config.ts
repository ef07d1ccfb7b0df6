/**
 * @module model/feature-config
 * The n-gram and TF-IDF settings inside the hyperparameters, the same for training and for loading.
 */
import type { FeatureConfig } from "../features/featurizer.ts";
import type { Hyperparameters } from "./types.ts";

/**
 * Word pairs are off unless set: files from before they were added carry no pair settings, and must
 * featurise texts exactly as when they were trained (and without `pairWeight`, pairs stay in the word block).
 *
 * @example
 * new Featurizer(featureConfig(meta.hyper), hashes, idf);
 */
export function featureConfig(hyper: Hyperparameters): FeatureConfig {
  const { wordNgrams, charMin, charMax, maxChars, minDf, wordWeight, charWeight } = hyper;
  return {
    wordNgrams,
    charMin,
    charMax,
    maxChars,
    minDf,
    wordWeight,
    charWeight,
    pairWindow: hyper.pairWindow ?? 0,
    pairAllBelow: hyper.pairAllBelow ?? 0,
    pairWeight: hyper.pairWeight ?? 0,
  };
}
