/**
 * @module bench/classify/oos-threshold
 * CLINC150's out-of-scope rule (classifier-peers.md): a threshold on the top score, chosen on `val` only.
 */
import type { ScoredPrediction } from "../../packages/classifier-local/src/eval/index.ts";

/**
 * The largest threshold on the top score that costs at most `maxLoss` (1 point) of in-scope accuracy on `val`,
 * where a query scoring below the threshold is rejected and a rejected in-scope query counts as an error.
 *
 * @example
 * chooseOosThreshold(["a", "b"], [{ label: "a", confidence: 0.9 }, { label: "b", confidence: 0.2 }]) // → 0.2
 */
export function chooseOosThreshold(gold: readonly string[], val: readonly ScoredPrediction[], maxLoss = 0.01): number {
  const n = gold.length;
  if (n === 0) return Number.NEGATIVE_INFINITY;
  const rows = val.map((p, i) => ({ confidence: p.confidence, hit: p.label === gold[i] }));
  const base = rows.filter((r) => r.hit).length / n;
  rows.sort((a, b) => b.confidence - a.confidence);
  // Accepting everything scoring >= t keeps the hits among the top; walk down from the highest threshold and
  // stop at the first one whose kept accuracy is within the allowed loss (accuracy only grows as t falls).
  let hits = 0;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    if (!row) break;
    hits += row.hit ? 1 : 0;
    const next = rows[k + 1];
    if (next !== undefined && next.confidence === row.confidence) continue;
    if (hits / n >= base - maxLoss - 1e-12) return row.confidence;
  }
  return Number.NEGATIVE_INFINITY;
}

/**
 * Share of out-of-scope queries whose top score falls below the threshold (so they go to a human).
 *
 * @example
 * oosRecall([{ label: "a", confidence: 0.1 }, { label: "b", confidence: 0.8 }], 0.5) // → 0.5
 */
export function oosRecall(oos: readonly ScoredPrediction[], threshold: number): number {
  return oos.length === 0 ? 0 : oos.filter((p) => p.confidence < threshold).length / oos.length;
}
