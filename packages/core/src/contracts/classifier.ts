/**
 * @module contracts/classifier
 * A classification service: text in, a label with a confidence out.
 */

/** OTAI's request shape, so `ClassificationPipe` params carry over. */
export interface ClassificationRequest {
  text: string;
  model_name?: string;
  api_token?: string;
  /** How many scores to return, best first. */
  top_k?: number;
}

export interface LabelScore {
  label: string;
  confidence: number;
}

/** The top label, its confidence in [0, 1], and the best `top_k` scores. */
export interface ClassificationResult extends LabelScore {
  scores: LabelScore[];
}

/**
 * @example
 * const [result] = await classifier.classify([{ text: "Invoice is wrong" }]);
 * if (result && result.confidence >= 0.8) route(result.label);
 */
export interface Classifier {
  /** Batched, so backends can amortise work and never block the event loop for one text at a time. */
  classify(requests: ClassificationRequest[]): Promise<ClassificationResult[]>;
  info?(): { id: string; version: string; labels?: string[] };
  close?(): Promise<void>;
}

export function isClassifier(value: unknown): value is Classifier {
  return typeof (value as { classify?: unknown } | null)?.classify === "function";
}
