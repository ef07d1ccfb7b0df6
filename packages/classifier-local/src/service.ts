/**
 * @module service
 * The local model as a core `Classifier`: requests are batched through `predictAsync`; a request's
 * `model_name` picks a head (so OTAI configs carry over), and `"tags"` picks the tag head.
 */
import { resolve } from "node:path";
import type { ClassificationRequest, ClassificationResult, Classifier } from "@otai/core";
import { OtaiError } from "@otai/core";
import { loadModel } from "./model/files.ts";
import type { LocalModel, Prediction } from "./model/types.ts";
import type { LocalClassifierParams } from "./params.ts";

const DEFAULT_TOP_K = 5;

/** The classifier plus all heads at once, for the decision policy. */
export interface LocalClassifier extends Classifier {
  readonly model: LocalModel;
  predictAll(texts: readonly string[]): Promise<Prediction[]>;
}

/**
 * Loads the model once (relative to `baseDir`) and wraps it.
 *
 * @example
 * const classifier = await createLocalClassifier({ model: "model.otai" }, configDir);
 * const [result] = await classifier.classify([{ text: "Invoice wrong", model_name: "queue" }]);
 */
export async function createLocalClassifier(params: LocalClassifierParams, baseDir: string): Promise<LocalClassifier> {
  const model = await loadModel(resolve(baseDir, params.model));
  return wrapModel(model, params);
}

/** Wraps an already loaded or trained model (what {@link createLocalClassifier} does after loading). */
export function wrapModel(model: LocalModel, params: Omit<LocalClassifierParams, "model"> = {}): LocalClassifier {
  const heads = model.meta.heads.map((h) => h.name);
  const defaultHead = params.head ?? heads[0];
  if (params.head !== undefined && !heads.includes(params.head)) {
    throw new OtaiError(
      "OTAI_MODEL_INVALID",
      `the model has no head '${params.head}' (heads: ${heads.join(", ") || "none"})`,
      { details: { heads } },
    );
  }
  const headOf = (request: ClassificationRequest): string | undefined =>
    request.model_name === "tags" && !heads.includes("tags")
      ? "tags"
      : request.model_name !== undefined && heads.includes(request.model_name)
        ? request.model_name
        : defaultHead;

  return {
    model,
    async classify(requests) {
      const topK = Math.max(DEFAULT_TOP_K, ...requests.map((r) => r.top_k ?? params.top_k ?? DEFAULT_TOP_K));
      const predictions = await model.predictAsync(
        requests.map((r) => r.text),
        { topK },
      );
      return predictions.map((prediction, i): ClassificationResult => {
        const request = requests[i] as ClassificationRequest;
        const k = request.top_k ?? params.top_k ?? DEFAULT_TOP_K;
        const head = headOf(request);
        if (head === "tags") {
          const scores = prediction.tags.slice(0, k);
          const top = scores[0];
          return { label: top?.label ?? "", confidence: top?.confidence ?? 0, scores };
        }
        const result = head === undefined ? undefined : prediction.heads[head];
        if (!result) {
          throw new OtaiError("OTAI_MODEL_OUTPUT_INVALID", `the model has no single-label head to answer with`);
        }
        return { label: result.label, confidence: result.confidence, scores: result.scores.slice(0, k) };
      });
    },
    info() {
      const head = defaultHead === undefined ? undefined : model.meta.heads.find((h) => h.name === defaultHead);
      return { id: model.meta.id, version: `${model.meta.formatVersion}`, ...(head ? { labels: head.labels } : {}) };
    },
    predictAll(texts) {
      return model.predictAsync(texts);
    },
  };
}
