/**
 * `otai eval --tags PREFIX`: scores a model's tag head on tickets with their true tags, each
 * (ticket, tag) pair one decision, at the per-tag thresholds the model learned.
 */
import { writeOutputFile } from "@otai/core";
import type { TagEvalReport } from "otai-local";
import type { Io } from "../output.ts";
import { num, weakestLabels } from "./_format.ts";
import { createProgress, stderrSink } from "./_progress.ts";
import { UsageError } from "./_shared.ts";
import type { OtaiLocal } from "./train.ts";

/** The `--json` output of `otai eval --tags`. */
export interface TagEvalJson extends TagEvalReport {
  model: string;
  head: "tags";
}

export interface TagEvalOptions {
  model: string;
  data: string;
  format: string | undefined;
  text: readonly string[];
  /** The tag column prefix (CSV) or array path (JSONL), as for `otai train --tags`. */
  tags: string;
  batch: number;
  json: boolean;
  /** Also write the HTML report here. */
  report: string | undefined;
}

/**
 * @example
 * await evalTags({ model: "m.otai", data: "held-out.csv", format: undefined, text: ["subject", "body"], tags: "tag_", batch: 256, json: true, report: undefined }, local, io);
 */
export async function evalTags(options: TagEvalOptions, local: OtaiLocal, io: Io): Promise<number> {
  const model = await local.loadModel(options.model);
  const learned = model.meta.tags;
  if (learned.length === 0) {
    const heads = model.meta.heads.map((h) => h.name).join(", ") || "none";
    throw new UsageError(`the model has no tag head (it was trained without --tags); its heads: ${heads}, via --label`);
  }
  const data = await local.readExamples(options.data, {
    text: local.parseTextColumns(options.text),
    labels: [],
    tags: options.tags,
    keepUntagged: true,
    format: options.format,
  });
  for (const warning of data.warnings) io.err(`warning: ${warning}`);
  const gold = data.examples.map((example) => example.tags ?? []);
  const unlearned = unlearnedTags(gold, new Set(learned));
  warnUnlearned(io, unlearned);

  const progress = createProgress(stderrSink(io));
  const predicted: string[][] = [];
  try {
    const texts = data.examples.map((example) => example.text);
    for (let start = 0; start < texts.length; start += options.batch) {
      const predictions = await model.predictAsync(texts.slice(start, start + options.batch), { topK: 1 });
      for (const prediction of predictions) predicted.push(prediction.tags.map((tag) => tag.label));
      progress.update({ stage: "predicting", done: predicted.length, total: texts.length });
    }
  } finally {
    progress.finish();
  }
  const report = local.evaluateTags(gold, predicted, { tags: learned });
  if (options.report !== undefined) {
    const html = local.renderTagReportHtml(report, {
      title: "tag model evaluation",
      modelId: model.meta.id,
      dataFile: options.data,
      unlearned,
    });
    await writeOutputFile(options.report, html, "the report");
    io.err(`wrote ${options.report}`);
  }
  if (options.json) {
    const json: TagEvalJson = { model: model.meta.id, head: "tags", ...report };
    io.out(JSON.stringify(json));
  } else {
    io.out(summary({ model: model.meta.id, file: options.data, rows: data.rows }, report));
  }
  return 0;
}

/** The true tags the model has no output for, with the number of tickets that carry each. */
function unlearnedTags(gold: readonly (readonly string[])[], learned: ReadonlySet<string>): Map<string, number> {
  const unseen = new Map<string, number>();
  for (const tags of gold)
    for (const tag of new Set(tags)) if (!learned.has(tag)) unseen.set(tag, (unseen.get(tag) ?? 0) + 1);
  return unseen;
}

function warnUnlearned(io: Io, unseen: ReadonlyMap<string, number>): void {
  if (unseen.size === 0) return;
  const shown = [...unseen].sort((a, b) => b[1] - a[1]);
  const list = shown
    .slice(0, 12)
    .map(([tag, count]) => `${JSON.stringify(tag)} (${count})`)
    .join(", ");
  io.err(
    `warning: ${unseen.size} tag(s) in the data were not learned (absent from training or below --min-tag-count), counted as misses: ${list}${shown.length > 12 ? ", …" : ""}`,
  );
}

function summary(run: { model: string; file: string; rows: number }, report: TagEvalReport): string {
  const lines = [
    `model ${run.model}, tags, data ${run.file} (${report.n} of ${run.rows} rows)`,
    "",
    `  n                          ${report.n}`,
    `  micro precision            ${num(report.micro_precision)}`,
    `  micro recall               ${num(report.micro_recall)}`,
    `  micro-F1                   ${num(report.micro_f1)}`,
    `  macro-F1                   ${num(report.macro_f1)}`,
    `  exact tag sets             ${num(report.subset_accuracy)}`,
    `  tags per ticket            ${report.mean_gold_tags.toFixed(2)} true, ${report.mean_predicted_tags.toFixed(2)} predicted`,
  ];
  lines.push(...weakestLabels("weakest tags", report.per_tag, [{ name: "predicted", value: (m) => m.predicted }]));
  return lines.join("\n");
}
