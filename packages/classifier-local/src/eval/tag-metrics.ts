/**
 * @module eval/tag-metrics
 * Metrics of the multi-label tag head: each (ticket, tag) pair is one decision, so precision and recall
 * are counted over pairs (micro), per tag, and averaged over tags (macro, as scikit-learn's
 * `f1_score(average="macro")` on the indicator matrix: over the tags seen in gold or predictions).
 */
import { OtaiError } from "@otai/core";

export interface TagMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Tickets that carry the tag. */
  support: number;
  /** Tickets the model gave the tag. */
  predicted: number;
}

export interface TagEvalReport {
  n: number;
  micro_precision: number;
  micro_recall: number;
  micro_f1: number;
  macro_f1: number;
  /** Share of tickets whose predicted tag set equals the gold set exactly (both may be empty). */
  subset_accuracy: number;
  mean_gold_tags: number;
  mean_predicted_tags: number;
  per_tag: Record<string, TagMetrics>;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const harmonic = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/**
 * Compares predicted tag sets with gold ones (paired by index; order and repeats within a set do not matter).
 *
 * @param options.tags the order of `per_tag` (tags seen but not listed follow, sorted); listed tags that
 *   occur in neither gold nor predictions are left out, and do not count towards the macro average.
 * @example
 * const report = evaluateTags([["vip", "invoice"], []], [["invoice"], ["vip"]]);
 * report.micro_precision; // 0.5 (one of two predicted tags is right)
 * report.micro_recall; // 0.5 (one of two gold tags was found)
 * report.per_tag.vip?.f1; // 0
 */
export function evaluateTags(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  options: { tags?: readonly string[] } = {},
): TagEvalReport {
  if (gold.length !== predicted.length) {
    throw new OtaiError(
      "OTAI_INTERNAL",
      `tag metrics need one prediction per ticket: got ${predicted.length} predictions for ${gold.length} tickets`,
    );
  }
  const counts = new Map<string, { tp: number; support: number; predicted: number }>();
  const entry = (tag: string) => {
    let found = counts.get(tag);
    if (!found) {
      found = { tp: 0, support: 0, predicted: 0 };
      counts.set(tag, found);
    }
    return found;
  };
  let exact = 0;
  let goldTotal = 0;
  let predictedTotal = 0;
  let truePositives = 0;
  gold.forEach((goldTags, i) => {
    const want = new Set(goldTags);
    const got = new Set(predicted[i]);
    for (const tag of want) entry(tag).support += 1;
    let hits = 0;
    for (const tag of got) {
      const counted = entry(tag);
      counted.predicted += 1;
      if (want.has(tag)) {
        counted.tp += 1;
        hits += 1;
      }
    }
    goldTotal += want.size;
    predictedTotal += got.size;
    truePositives += hits;
    if (hits === want.size && hits === got.size) exact += 1;
  });
  const listed = (options.tags ?? []).filter((tag, i, all) => counts.has(tag) && all.indexOf(tag) === i);
  const order = [...listed, ...[...counts.keys()].filter((tag) => !listed.includes(tag)).sort()];
  const per_tag: Record<string, TagMetrics> = {};
  for (const tag of order) {
    const c = counts.get(tag) ?? { tp: 0, support: 0, predicted: 0 };
    const precision = ratio(c.tp, c.predicted);
    const recall = ratio(c.tp, c.support);
    per_tag[tag] = { precision, recall, f1: harmonic(precision, recall), support: c.support, predicted: c.predicted };
  }
  const f1s = Object.values(per_tag).map((m) => m.f1);
  const n = gold.length;
  const microPrecision = ratio(truePositives, predictedTotal);
  const microRecall = ratio(truePositives, goldTotal);
  return {
    n,
    micro_precision: microPrecision,
    micro_recall: microRecall,
    micro_f1: harmonic(microPrecision, microRecall),
    macro_f1: f1s.length === 0 ? 0 : f1s.reduce((a, b) => a + b, 0) / f1s.length,
    subset_accuracy: ratio(exact, n),
    mean_gold_tags: ratio(goldTotal, n),
    mean_predicted_tags: ratio(predictedTotal, n),
    per_tag,
  };
}
