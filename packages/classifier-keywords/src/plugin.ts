/**
 * @module otai-keywords
 * A plugin with one classifier, `keywords:KeywordClassificationService`: routing by words and patterns,
 * for help desks without labelled history yet, and as the baseline the trained model must beat.
 */
import { definePlugin, defineService, PLUGIN_API_VERSION } from "@otai/core";
import { createKeywordClassifier } from "./classifier.ts";

export { createKeywordClassifier } from "./classifier.ts";
export { type KeywordParams, KeywordParamsSchema } from "./params.ts";

import { KeywordParamsSchema } from "./params.ts";

export const KeywordClassificationService = defineService({
  kind: "classifier",
  name: "KeywordClassificationService",
  description: "Classifies by keywords and patterns per label; no training, no model files.",
  params: KeywordParamsSchema,
  create: (params) => createKeywordClassifier(params),
});

export default definePlugin({
  name: "otai-keywords",
  version: "0.1.0",
  prefix: "keywords",
  apiVersion: `^${PLUGIN_API_VERSION}`,
  description: "Keyword and pattern classifier (no training data needed).",
  setup(api) {
    api.register(KeywordClassificationService);
  },
});
