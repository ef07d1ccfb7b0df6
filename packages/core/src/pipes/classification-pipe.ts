/**
 * @module pipes/classification-pipe
 * `base:ClassificationPipe`: classifies `text`; `data.label` and `data.confidence` as in OTAI, plus
 * `data.scores` (the best `top_k`) and `data.model` (the classifier's id and version, when it tells).
 */
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
import { success } from "../contracts/pipe-result.ts";
import { OtaiError } from "../errors.ts";

export const ClassificationPipe = definePipe({
  kind: "pipe",
  name: "ClassificationPipe",
  description: "Classifies text with the injected classification service; data.label, data.confidence, data.scores.",
  params: z
    .object({
      text: z.string(),
      model_name: z.string().optional(),
      api_token: z.string().nullable().optional(),
      top_k: z.number().int().positive().default(5),
    })
    .strict(),
  injects: { classification_service: "classifier" },
  async process({ params, services, engine, serviceIds }) {
    const classifier = services.classification_service;
    const info = classifier.info?.();
    const started = performance.now();
    const [result] = await classifier.classify([
      {
        text: params.text,
        top_k: params.top_k,
        ...(params.model_name ? { model_name: params.model_name } : {}),
        ...(params.api_token ? { api_token: params.api_token } : {}),
      },
    ]);
    const valid =
      result !== undefined &&
      typeof result.label === "string" &&
      typeof result.confidence === "number" &&
      result.confidence >= 0 &&
      result.confidence <= 1;
    if (!valid) {
      throw new OtaiError(
        "OTAI_MODEL_OUTPUT_INVALID",
        `classifier returned no usable prediction: ${JSON.stringify(result)?.slice(0, 200)}`,
      );
    }
    engine.observer.modelSeconds(
      info?.id ?? serviceIds.classification_service ?? "classifier",
      (performance.now() - started) / 1000,
    );
    return success({
      label: result.label,
      confidence: result.confidence,
      scores: result.scores ?? [],
      // Which model decided, for the decision log.
      ...(info ? { model: { id: info.id, version: info.version } } : {}),
    });
  },
});
