/**
 * STAND-IN FOR TESTS ONLY, NOT AN ADAPTER. `fakeHfLocalPlugin` registers a component with the id and
 * params of OTAI's Python `otai-hf-local` plugin (`hf-local:HFClassificationService`), so that configs
 * written for OTAI can be loaded and validated in tests. It loads no model: its classifier answers
 * deterministically from the text alone.
 */
import type { ClassificationRequest, ClassificationResult, Classifier } from "@otai/core";
import { definePlugin, defineService, PLUGIN_API_VERSION } from "@otai/core";
import { z } from "zod";

export const FakeHfLocalParamsSchema = z.object({ api_token: z.string().nullable().optional() }).strict();

/** The labels the stand-in classifier chooses from. */
export const FAKE_HF_LABELS = ["Billing", "IT Support", "Sales"] as const;

/** Deterministic: the label is picked by the text's length; the confidence is fixed at 0.9. */
export function fakeClassify(request: ClassificationRequest): ClassificationResult {
  const label = FAKE_HF_LABELS[request.text.length % FAKE_HF_LABELS.length] ?? "Billing";
  const scores = [
    { label, confidence: 0.9 },
    ...FAKE_HF_LABELS.filter((l) => l !== label).map((l) => ({ label: l, confidence: 0.05 })),
  ];
  return { label, confidence: 0.9, scores: scores.slice(0, request.top_k ?? scores.length) };
}

/** A trivial deterministic classifier (tests only). */
export function createFakeClassifier(): Classifier {
  return {
    classify: async (requests) => requests.map(fakeClassify),
    info: () => ({ id: "fake-hf-local", version: "0.0.0-fake", labels: [...FAKE_HF_LABELS] }),
  };
}

/** Stand-in: same id and params as the Python service, with a deterministic classifier. */
export const FakeHFClassificationService = defineService({
  kind: "classifier",
  name: "HFClassificationService",
  description: "Stand-in for tests: OTAI's hf-local service id and params, no model.",
  params: FakeHfLocalParamsSchema,
  create: () => createFakeClassifier(),
});

/** Stand-in for the `otai-hf-local` plugin package (tests only). */
export const fakeHfLocalPlugin = definePlugin({
  name: "otai-hf-local",
  version: "0.0.0-fake",
  prefix: "hf-local",
  apiVersion: `^${PLUGIN_API_VERSION}`,
  description: "Stand-in for tests, not an adapter: no model is loaded.",
  setup(api) {
    api.register(FakeHFClassificationService);
  },
});
