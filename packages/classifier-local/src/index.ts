/**
 * @module otai-local
 * The embedded local model of Open Ticket AI: trains on a help desk's own tickets in seconds, runs
 * offline in pure TypeScript, and gives calibrated confidences for several heads at once.
 *
 * @example
 * import { trainModel, saveModel } from "otai-local";
 * const model = await trainModel(examples, { seed: 1 });
 * await saveModel(model, "model.otai");
 */

// The other halves of the package: data readers and evaluation.
export * from "./data/index.ts";
export * from "./eval/index.ts";
export { detectLanguage } from "./language/detect-language.ts";
export { DEFAULT_HYPERPARAMETERS } from "./model/defaults.ts";
export { loadModel, saveModel } from "./model/files.ts";
export { deserializeModel, FORMAT_VERSION, serializeModel } from "./model/serialize.ts";
export { trainModel } from "./model/train.ts";
export type {
  HeadPrediction,
  Hyperparameters,
  LabelScore,
  LocalModel,
  ModelMeta,
  Prediction,
  PredictOptions,
  TrainingExample,
  TrainOptions,
} from "./model/types.ts";
export { type LocalClassifierParams, LocalClassifierParamsSchema } from "./params.ts";
export { createLocalClassifier, type LocalClassifier, wrapModel } from "./service.ts";
