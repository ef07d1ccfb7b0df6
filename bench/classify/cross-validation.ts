/**
 * @module bench/classify/cross-validation
 * `--cv K`: a second, larger evaluation beside the test split. One test split of a few hundred tickets moves by
 * a point or two between models that are equally good (419 Tobi tickets: one ticket is 0.24 points), so the
 * benchmark can also score every model on K folds of the data that is not test (Tobi train + validation,
 * BANKING77 train, CLINC150 train + validation) and report the mean, the spread and the paired difference to
 * the best peer. Test is never part of it: the folds are drawn from the non-test rows only.
 */
import type { Example, Split, TaskName } from "./datasets.ts";
import { fnv1a32 } from "./datasets.ts";
import type { ModelName } from "./models.ts";
import { type BenchRow, pct } from "./results-table.ts";

/**
 * The non-test rows of a task. BANKING77's `val` is carved out of its train rows, so train alone is the pool there.
 *
 * @example
 * cvPool("banking77", loadTask("banking77")).length // 10,003
 */
export function cvPool(task: TaskName, split: Split): Example[] {
  return task === "banking77" ? [...split.train] : [...split.train, ...split.val];
}

/**
 * K splits of the pool: fold f tests on the rows with FNV-1a-32("cv|" + text) % K == f and trains on the rest.
 * The salt keeps the folds independent of the Tobi test/validation buckets (which hash the same text).
 * CLINC150's out-of-scope rows are left out (its OOS threshold needs a validation split of its own).
 *
 * @example
 * const folds = cvSplits("tobi-priority", loadTask("tobi-priority"), 5); // 5 × { train, val: [], test }
 */
export function cvSplits(task: TaskName, split: Split, k: number): Split[] {
  const pool = cvPool(task, split);
  const foldOf = pool.map((e) => fnv1a32(`cv|${e.text}`) % k);
  return Array.from({ length: k }, (_, f) => ({
    train: pool.filter((_, i) => foldOf[i] !== f),
    val: [],
    test: pool.filter((_, i) => foldOf[i] === f),
  }));
}

/** Mean and sample standard deviation. */
export interface Spread {
  mean: number;
  sd: number;
}

/** A model's scores over the folds of one task. */
export interface CvRow {
  model: ModelName;
  task: TaskName;
  folds: number;
  accuracy: Spread;
  macro_f1: Spread;
  coverage_at_precision_95: Spread;
}

/** Paired difference otai-local − peer over the same folds: mean, standard error and folds won. */
export interface PairedDifference {
  mean: number;
  se: number;
  wins: number;
  folds: number;
}

const METRICS = ["accuracy", "macro_f1", "coverage_at_precision_95"] as const;
type Metric = (typeof METRICS)[number];

export function spread(values: readonly number[]): Spread {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const variance = n < 2 ? 0 : values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { mean, sd: Math.sqrt(variance) };
}

/**
 * One row per model from its per-fold rows (all of one task).
 *
 * @example
 * summariseFolds([foldRow0, foldRow1, ...]) // → { model, task, folds: 5, accuracy: { mean, sd }, ... }
 */
export function summariseFolds(rows: readonly BenchRow[]): CvRow {
  const first = rows[0];
  if (!first) throw new Error("no fold results to summarise");
  const of = (metric: Metric) => spread(rows.map((r) => r[metric]));
  return {
    model: first.model,
    task: first.task,
    folds: rows.length,
    accuracy: of("accuracy"),
    macro_f1: of("macro_f1"),
    coverage_at_precision_95: of("coverage_at_precision_95"),
  };
}

/**
 * otai-local minus a peer on one metric, fold by fold (the folds are the same for both, so their difficulty cancels).
 *
 * @example
 * pairedDifference(oursByFold, peerByFold, "accuracy") // → { mean: 0.011, se: 0.004, wins: 5, folds: 5 }
 */
export function pairedDifference(
  ours: readonly BenchRow[],
  peer: readonly BenchRow[],
  metric: Metric,
): PairedDifference {
  if (ours.length !== peer.length) throw new Error("paired folds differ in number");
  const diffs = ours.map((r, i) => r[metric] - (peer[i] as BenchRow)[metric]);
  const { mean, sd } = spread(diffs);
  return {
    mean,
    se: sd / Math.sqrt(Math.max(1, diffs.length)),
    wins: diffs.filter((d) => d > 0).length,
    folds: diffs.length,
  };
}

/**
 * The Markdown table of `--cv`: mean ± sd per model, and under each task the paired difference of otai-local
 * to the peer with the best mean accuracy.
 *
 * @example
 * console.log(formatCvTable(byTask));
 */
export function formatCvTable(byTask: ReadonlyMap<TaskName, ReadonlyMap<ModelName, readonly BenchRow[]>>): string {
  const header = ["task", "model", "folds", "accuracy %", "macro-F1", "coverage @95% precision"];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i < 2 ? "---" : "---:")).join("|")}|`];
  for (const [task, models] of byTask) {
    const rows = [...models.values()].filter((r) => r.length > 0).map(summariseFolds);
    for (const row of rows) {
      lines.push(
        `| ${task} | ${row.model} | ${row.folds} | ${pct(row.accuracy.mean, 2)} ± ${pct(row.accuracy.sd, 2)} | ` +
          `${row.macro_f1.mean.toFixed(3)} ± ${row.macro_f1.sd.toFixed(3)} | ` +
          `${pct(row.coverage_at_precision_95.mean, 1)}% ± ${pct(row.coverage_at_precision_95.sd, 1)} |`,
      );
    }
    const ours = models.get("otai-local");
    const peers = rows.filter((r) => r.model !== "otai-local");
    const best = peers.sort((a, b) => b.accuracy.mean - a.accuracy.mean)[0];
    const theirs = best ? models.get(best.model) : undefined;
    if (ours && ours.length > 0 && best && theirs && theirs.length === ours.length) {
      const d = (metric: Metric, scale: number, digits: number) => {
        const p = pairedDifference(ours, theirs, metric);
        const sign = p.mean >= 0 ? "+" : "−";
        return `${sign}${(Math.abs(p.mean) * scale).toFixed(digits)} ± ${(p.se * scale).toFixed(digits)} (${p.wins}/${p.folds} folds)`;
      };
      lines.push(
        `| ${task} | otai-local − ${best.model} (paired, ± s.e.) | | ${d("accuracy", 100, 2)} | ${d("macro_f1", 1, 3)} | ` +
          `${d("coverage_at_precision_95", 100, 1)} |`,
      );
    }
  }
  return lines.join("\n");
}
