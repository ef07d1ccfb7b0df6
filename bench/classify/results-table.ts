/**
 * @module bench/classify/results-table
 * One result row per task × model, and the Markdown table they print as (pasted as-is into the docs).
 */
import type { TaskName } from "./datasets.ts";
import type { ModelName } from "./models.ts";

/** The `--json` line of one model on one task: fractions in 0..1; `oos_recall` only for CLINC150. */
export interface BenchRow {
  model: ModelName;
  task: TaskName;
  accuracy: number;
  macro_f1: number;
  coverage_at_precision_95: number;
  train_s: number;
  predict_per_s: number | null;
  peak_rss_mb: number | null;
  oos_recall: number | null;
}

/** A model that could not run on a task, with the reason shown in its row. */
export interface SkippedRow {
  model: ModelName;
  task: TaskName;
  skipped: string;
}

/** A fraction as a percentage with `digits` decimals (no % sign). */
export const pct = (x: number, digits: number) => (100 * x).toFixed(digits);
const rate = (x: number | null) =>
  x === null ? "n/a" : x >= 10_000 ? `${(x / 1000).toFixed(1)}k` : Math.round(x).toString();

/**
 * The Markdown table: accuracy %, macro-F1, coverage at 95% precision %, OOS recall %, train s, predictions/s, RSS.
 *
 * @example
 * console.log(formatTable(rows));
 */
export function formatTable(rows: readonly (BenchRow | SkippedRow)[]): string {
  const header = [
    "task",
    "model",
    "accuracy %",
    "macro-F1",
    "coverage @95% precision",
    "OOS recall %",
    "train s",
    "predictions/s (1 core)",
    "peak RSS MB",
  ];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i < 2 ? "---" : "---:")).join("|")}|`];
  for (const row of rows) {
    const cells =
      "skipped" in row
        ? [row.task, row.model, `not run: ${row.skipped}`, "", "", "", "", "", ""]
        : [
            row.task,
            row.model,
            pct(row.accuracy, 2),
            row.macro_f1.toFixed(3),
            `${pct(row.coverage_at_precision_95, 1)}%`,
            row.oos_recall === null ? "" : pct(row.oos_recall, 1),
            row.train_s.toFixed(1),
            rate(row.predict_per_s),
            row.peak_rss_mb === null ? "n/a" : Math.round(row.peak_rss_mb).toString(),
          ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/** The `--json` line: the fixed key order of the spec, numbers rounded to what they can tell. */
export function jsonLine(row: BenchRow): string {
  const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));
  return JSON.stringify({
    model: row.model,
    task: row.task,
    accuracy: round(row.accuracy, 4),
    macro_f1: round(row.macro_f1, 4),
    coverage_at_precision_95: round(row.coverage_at_precision_95, 4),
    train_s: round(row.train_s, 2),
    predict_per_s: round(row.predict_per_s, 0),
    peak_rss_mb: round(row.peak_rss_mb, 1),
    oos_recall: round(row.oos_recall, 4),
  });
}
