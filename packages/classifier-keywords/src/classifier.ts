/**
 * @module classifier
 * Scores each label by how many of its words and patterns occur in the text. The confidence is the
 * label's share of all matches, shrunk towards zero when there are few of them, so one stray word is
 * not "certain". It is a baseline: its confidences are not calibrated.
 */
import type { ClassificationRequest, ClassificationResult, Classifier, LabelScore } from "@otai/core";
import { OtaiError } from "@otai/core";
import type { KeywordModel, KeywordParams } from "./params.ts";

interface CompiledModel {
  labels: { label: string; patterns: RegExp[] }[];
  defaultLabel: string | undefined;
}

const REGEX = /^\/(.+)\/([a-z]*)$/s;

function compilePattern(pattern: string): RegExp {
  const regex = REGEX.exec(pattern);
  if (regex?.[1] !== undefined) return new RegExp(regex[1], `${(regex[2] ?? "").replace("g", "")}gu`);
  const escaped = pattern
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\s+/g, "\\s+");
  // \b is ASCII-only; these boundaries also work for "Rechnung" or "reçu".
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "giu");
}

function compile(model: KeywordModel): CompiledModel {
  return {
    labels: Object.entries(model.labels).map(([label, patterns]) => ({
      label,
      patterns: patterns.map(compilePattern),
    })),
    defaultLabel: model.default_label,
  };
}

// With k matches in all, confidence = share × k / (k + 1): one match gives at most 0.5.
function score(model: CompiledModel, text: string, topK: number): ClassificationResult {
  const counts = model.labels.map(({ label, patterns }) => ({
    label,
    hits: patterns.reduce((sum, pattern) => sum + (text.match(pattern)?.length ?? 0), 0),
  }));
  const total = counts.reduce((sum, c) => sum + c.hits, 0);
  const scores: LabelScore[] = counts
    .map(({ label, hits }) => ({ label, confidence: total === 0 ? 0 : (hits / total) * (total / (total + 1)) }))
    .sort((a, b) => b.confidence - a.confidence);
  const best = scores[0];
  if (total === 0 || best === undefined) {
    const label = model.defaultLabel ?? model.labels[0]?.label ?? "";
    return { label, confidence: 0, scores: scores.slice(0, topK) };
  }
  return { label: best.label, confidence: best.confidence, scores: scores.slice(0, topK) };
}

/**
 * @example
 * const classifier = createKeywordClassifier({ models: { queue: { labels: { Billing: ["invoice", "refund"] } } } });
 * const [result] = await classifier.classify([{ text: "Refund my invoice", model_name: "queue" }]);
 * result?.label; // "Billing"
 */
export function createKeywordClassifier(params: KeywordParams): Classifier {
  const models = new Map(Object.entries(params.models).map(([name, model]) => [name, compile(model)]));
  const only = models.size === 1 ? [...models.values()][0] : undefined;
  const pick = (request: ClassificationRequest): CompiledModel => {
    const model = request.model_name === undefined ? only : models.get(request.model_name);
    if (model) return model;
    throw new OtaiError(
      "OTAI_CONFIG_INVALID",
      `keyword classifier has no model '${request.model_name ?? ""}' (it has: ${[...models.keys()].join(", ")}); set model_name in ClassificationPipe`,
    );
  };
  return {
    async classify(requests) {
      return requests.map((request) => score(pick(request), request.text, request.top_k ?? 5));
    },
    info: () => ({
      id: "keywords",
      version: "1",
      labels: [...models.values()].flatMap((m) => m.labels.map((l) => l.label)),
    }),
  };
}
