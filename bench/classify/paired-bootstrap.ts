/**
 * @module bench/classify/paired-bootstrap
 * How far one test split can be trusted: a paired bootstrap over the test items of otai-local against the
 * best peer of each metric. Both models are scored on the same resampled items, so the interval is that of
 * the difference, not of each model alone. On the 419 Tobi test tickets one ticket is 0.24 points of accuracy
 * and the coverage at 95% precision rests on the ten or so most confident answers, so a difference of a few
 * tickets tells nothing either way; the interval says how many would.
 */
import { evaluatePredictions, type ScoredPrediction } from "../../packages/classifier-local/src/eval/index.ts";
import { createRandom } from "../../packages/classifier-local/src/model/random.ts";
import type { TaskName } from "./datasets.ts";
import type { ModelName } from "./models.ts";
import { type BenchRow, pct } from "./results-table.ts";

export type PairedMetric = "accuracy" | "macro_f1" | "coverage_at_precision_95";
export const PAIRED_METRICS: readonly PairedMetric[] = ["accuracy", "macro_f1", "coverage_at_precision_95"];

/** Resamples per comparison: enough for the 2.5% and 97.5% percentiles to move by less than a tenth of a point. */
export const RESAMPLES = 2000;

export interface PairedInterval {
  /** ours − theirs on the test split itself. */
  difference: number;
  /** The 2.5% and 97.5% percentiles of the difference over the resamples. */
  low: number;
  high: number;
  /** Share of resamples in which ours is at least theirs. */
  atLeast: number;
}

/**
 * The paired bootstrap of `ours − theirs` for each metric, with the metric code of the benchmark's table.
 *
 * @example
 * const intervals = pairedBootstrap(gold, oursOnTest, peerOnTest);
 * intervals.accuracy; // { difference: 0.0, low: -0.031, high: 0.029, atLeast: 0.52 }
 */
export function pairedBootstrap(
  gold: readonly string[],
  ours: readonly ScoredPrediction[],
  theirs: readonly ScoredPrediction[],
  resamples = RESAMPLES,
  seed = 1,
): Record<PairedMetric, PairedInterval> {
  if (ours.length !== gold.length || theirs.length !== gold.length)
    throw new Error("paired predictions differ in number");
  const n = gold.length;
  const observed = differences(gold, ours, theirs);
  const samples = Object.fromEntries(PAIRED_METRICS.map((m) => [m, new Float64Array(resamples)])) as Record<
    PairedMetric,
    Float64Array
  >;
  const random = createRandom(seed);
  const g: string[] = new Array(n);
  const a: ScoredPrediction[] = new Array(n);
  const b: ScoredPrediction[] = new Array(n);
  for (let s = 0; s < resamples; s++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(random() * n);
      g[i] = gold[j] as string;
      a[i] = ours[j] as ScoredPrediction;
      b[i] = theirs[j] as ScoredPrediction;
    }
    const d = differences(g, a, b);
    for (const m of PAIRED_METRICS) (samples[m] as Float64Array)[s] = d[m];
  }
  return Object.fromEntries(
    PAIRED_METRICS.map((m) => {
      const sorted = (samples[m] as Float64Array).sort();
      const at = (q: number) => sorted[Math.min(resamples - 1, Math.floor(q * resamples))] as number;
      // A tie counts for ours: the target is "at least equal"; float noise below 1e-12 is a tie.
      const atLeast = sorted.filter((x) => x >= -1e-12).length / Math.max(1, resamples);
      return [m, { difference: observed[m], low: at(0.025), high: at(0.975), atLeast }];
    }),
  ) as Record<PairedMetric, PairedInterval>;
}

function differences(
  gold: readonly string[],
  ours: readonly ScoredPrediction[],
  theirs: readonly ScoredPrediction[],
): Record<PairedMetric, number> {
  const a = evaluatePredictions(gold, ours);
  const b = evaluatePredictions(gold, theirs);
  return {
    accuracy: a.accuracy - b.accuracy,
    macro_f1: a.macro_f1 - b.macro_f1,
    coverage_at_precision_95: a.coverage_at_precision_95 - b.coverage_at_precision_95,
  };
}

/** The peer with the highest value of `metric` on test (the one the target compares with); ties: first listed. */
export function bestPeer(rows: readonly BenchRow[], metric: PairedMetric): BenchRow | undefined {
  let best: BenchRow | undefined;
  for (const row of rows) {
    if (row.model === "otai-local") continue;
    if (!best || row[metric] > best[metric]) best = row;
  }
  return best;
}

/** One task's comparison: per metric the best peer and the interval of otai-local minus it. */
export interface PairedComparison {
  task: TaskName;
  metric: PairedMetric;
  peer: ModelName;
  interval: PairedInterval;
}

/**
 * One task's comparisons: per metric, otai-local against the peer best on it (among `rows`, the task's
 * scored rows), when both have predictions. One bootstrap per peer serves every metric it is best on.
 *
 * @example
 * const comparisons = comparePaired("tobi-priority", gold, predictionsByModel, rowsOfTheTask);
 */
export function comparePaired(
  task: TaskName,
  gold: readonly string[],
  predictions: ReadonlyMap<ModelName, readonly ScoredPrediction[]>,
  rows: readonly BenchRow[],
): PairedComparison[] {
  const ours = predictions.get("otai-local");
  if (!ours) return [];
  const comparisons: PairedComparison[] = [];
  const intervals = new Map<ModelName, Record<PairedMetric, PairedInterval>>();
  for (const metric of PAIRED_METRICS) {
    const peer = bestPeer(rows, metric);
    const theirs = peer ? predictions.get(peer.model) : undefined;
    if (!peer || !theirs) continue;
    const interval = intervals.get(peer.model) ?? pairedBootstrap(gold, ours, theirs);
    intervals.set(peer.model, interval);
    comparisons.push({ task, metric, peer: peer.model, interval: interval[metric] });
  }
  return comparisons;
}

const METRIC_NAMES: Record<PairedMetric, string> = {
  accuracy: "accuracy (points)",
  macro_f1: "macro-F1",
  coverage_at_precision_95: "coverage @95% (points)",
};

/**
 * The Markdown table of the comparisons, under the results table.
 *
 * @example
 * console.log(formatPairedTable(comparisons));
 */
export function formatPairedTable(comparisons: readonly PairedComparison[]): string {
  const header = [
    "task",
    "metric",
    "best peer on test",
    "otai-local − peer",
    "95% interval",
    "resamples with otai-local ≥ peer",
  ];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i < 3 ? "---" : "---:")).join("|")}|`];
  for (const { task, metric, peer, interval } of comparisons) {
    const points = metric !== "macro_f1";
    const show = (x: number) => {
      const text = points ? pct(Math.abs(x), 2) : Math.abs(x).toFixed(3);
      return `${x < -1e-12 ? "−" : "+"}${text}`;
    };
    lines.push(
      `| ${task} | ${METRIC_NAMES[metric]} | ${peer} | ${show(interval.difference)} | ` +
        `${show(interval.low)} to ${show(interval.high)} | ${pct(interval.atLeast, 0)}% |`,
    );
  }
  return lines.join("\n");
}
