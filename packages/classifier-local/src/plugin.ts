/**
 * @module otai-local/plugin
 * `local:LocalClassificationService` (the trained local model as a classifier) and
 * `local:DetectLanguagePipe`.
 */
import { definePlugin, defineService, PLUGIN_API_VERSION } from "@otai/core";
import { DetectLanguagePipe } from "./language/detect-language-pipe.ts";
import { LocalClassifierParamsSchema } from "./params.ts";
import { createLocalClassifier } from "./service.ts";

export { DetectLanguagePipe } from "./language/detect-language-pipe.ts";

export const LocalClassificationService = defineService({
  kind: "classifier",
  name: "LocalClassificationService",
  description: "The embedded local model (trained with `otai train`): several heads, calibrated confidences.",
  params: LocalClassifierParamsSchema,
  create: (params, context) => createLocalClassifier(params, context.baseDir),
});

export default definePlugin({
  name: "otai-local",
  version: "0.1.0",
  prefix: "local",
  apiVersion: `^${PLUGIN_API_VERSION}`,
  description: "The embedded local model: trains on your tickets in seconds, runs offline.",
  setup(api) {
    api.register(LocalClassificationService);
    api.register(DetectLanguagePipe);
  },
});
