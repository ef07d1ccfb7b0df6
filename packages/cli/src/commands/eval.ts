/**
 * `otai eval`: measures a trained model on labelled data the model has not seen: accuracy, macro-F1,
 * how much could be auto-applied at 95% precision, calibration, and an optional HTML report.
 */
import { parseArgs } from "node:util";
import { assertOutputWritable, OtaiError, writeOutputFile } from "@otai/core";
import type { EvalReport, LocalModel, Reliability, ScoredPrediction } from "otai-local";
import type { Io } from "../output.ts";
import { num, pct, weakestLabels } from "./_format.ts";
import { createProgress, type Progress, stderrSink } from "./_progress.ts";
import { UsageError } from "./_shared.ts";
import { evalTags } from "./eval-tags.ts";
import { type ModelCommandDeps, otaiLocal, parseCount } from "./train.ts";

export const evalHelp = `Usage: otai eval --model MODEL --data FILE --text COLS --label COL [--head NAME] [--json] [--report FILE]
       otai eval --model MODEL --data FILE --text COLS --tags PREFIX [--json] [--report FILE]

Predicts every row of a labelled file and compares with its label: accuracy, macro-F1, the share
that could be applied automatically at 95% precision, a threshold table and the weakest classes.
With --tags it scores the tag head instead: micro and macro precision, recall and F1 over the
(ticket, tag) decisions, exact tag sets, and the weakest tags. Rows with no tags count (the model
should give them none). Its report draws, per tag, the true tags found and missed and the ones given
wrongly.

Options:
      --model MODEL        the model file (from otai train)
      --data FILE          CSV or JSONL file with the true labels
      --format csv|jsonl   override the format the extension implies
      --text COLS          comma-separated text columns (as in training)
      --label COL          the column with the true label (dotted paths and HEAD=COL as in training)
      --head NAME          the model head to evaluate (default: the label column's head name)
      --tags PREFIX        evaluate the tag head: the true tags, read as in training (instead of --label)
      --batch N            texts per prediction batch (default 256)
      --json               print one JSON object with every metric
      --report FILE        also write a self-contained HTML report
  -h, --help               show this help

Gold labels (or tags) the model was never trained on count as errors and are listed.
Exit codes: 0 evaluated, 1 bad data or model, 2 bad command line.`;

const OPTIONS = {
  model: { type: "string" },
  data: { type: "string" },
  format: { type: "string" },
  text: { type: "string", multiple: true },
  label: { type: "string" },
  tags: { type: "string" },
  head: { type: "string" },
  batch: { type: "string" },
  json: { type: "boolean" },
  report: { type: "string" },
} as const;

/** The `--json` output of `otai eval`. */
export interface EvalJson extends EvalReport {
  model: string;
  head: string;
  reliability: Reliability;
}

export async function evalCommand(argv: string[], deps: ModelCommandDeps): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  for (const required of ["model", "data"] as const) {
    if (values[required] === undefined) throw new UsageError(`--${required} is required`);
  }
  if (values.tags !== undefined && values.label !== undefined) {
    throw new UsageError("--label and --tags evaluate different heads: give one of them");
  }
  if (values.tags === undefined && values.label === undefined) throw new UsageError("--label (or --tags) is required");
  if (!values.text?.length) throw new UsageError("--text COLS is required");
  const batch = parseCount("batch", values.batch, 1) ?? 256;
  if (values.report !== undefined) await assertOutputWritable(values.report, "the report");
  const local = await otaiLocal(deps);
  if (values.tags !== undefined) {
    if (values.head !== undefined) throw new UsageError("--head picks a single-label head; leave it out with --tags");
    const { model, data, format, text, tags, json, report } = values;
    return evalTags(
      { model: model ?? "", data: data ?? "", format, text, tags, batch, json: json === true, report },
      local,
      deps.io,
    );
  }
  const labelColumn = local.parseLabelColumn(values.label ?? "");
  const model = await local.loadModel(values.model ?? "");
  const head = values.head ?? labelColumn.head;
  const modelHead = model.meta.heads.find((candidate) => candidate.name === head);
  if (!modelHead) {
    throw new UsageError(
      `the model has no head '${head}' (heads: ${model.meta.heads.map((h) => h.name).join(", ") || "none"}); choose one with --head`,
    );
  }

  const data = await local.readExamples(values.data ?? "", {
    text: local.parseTextColumns(values.text),
    labels: [{ head, path: labelColumn.path }],
    format: values.format,
  });
  for (const warning of data.warnings) deps.io.err(`warning: ${warning}`);
  const gold = data.examples.map((example) => example.labels[head] ?? "");
  const known = new Set(modelHead.labels);
  const unseen = new Map<string, number>();
  for (const label of gold) if (!known.has(label)) unseen.set(label, (unseen.get(label) ?? 0) + 1);
  if (unseen.size > 0) {
    const list = [...unseen].map(([label, count]) => `${JSON.stringify(label)} (${count})`).join(", ");
    deps.io.err(
      `warning: ${[...unseen.values()].reduce((a, b) => a + b, 0)} row(s) have labels the model was never trained on, counted as errors: ${list}`,
    );
  }

  const progress = createProgress(stderrSink(deps.io));
  let predicted: ScoredPrediction[];
  try {
    predicted = await predictAll(
      model,
      head,
      data.examples.map((example) => example.text),
      batch,
      progress,
    );
  } finally {
    progress.finish();
  }
  const report = local.evaluatePredictions(gold, predicted, { labels: modelHead.labels });
  const calibration = local.reliability(gold, predicted);
  const at95 = local.coverageAtPrecision(gold, predicted, 0.95);

  if (values.report !== undefined) {
    const html = local.renderEvalReportHtml(report, {
      title: `${head} model evaluation`,
      modelId: model.meta.id,
      dataFile: values.data ?? "",
      head,
      reliability: calibration,
      curve: local.precisionCoverageCurve(gold, predicted),
      thresholdAt95: at95.threshold,
    });
    await writeOutputFile(values.report, html, "the report");
    deps.io.err(`wrote ${values.report}`);
  }
  if (values.json) {
    const json: EvalJson = {
      model: model.meta.id,
      head,
      n: report.n,
      accuracy: report.accuracy,
      macro_f1: report.macro_f1,
      per_class: report.per_class,
      confusion: report.confusion,
      thresholds: report.thresholds,
      coverage_at_precision_95: report.coverage_at_precision_95,
      reliability: calibration,
    };
    deps.io.out(JSON.stringify(json));
  } else {
    printSummary(
      deps.io,
      { model: model.meta.id, head, file: values.data ?? "", rows: data.rows },
      report,
      calibration,
      at95,
    );
  }
  return 0;
}

async function predictAll(
  model: LocalModel,
  head: string,
  texts: readonly string[],
  batch: number,
  progress: Progress,
): Promise<ScoredPrediction[]> {
  const predicted: ScoredPrediction[] = [];
  for (let start = 0; start < texts.length; start += batch) {
    const predictions = await model.predictAsync(texts.slice(start, start + batch), { topK: 1 });
    for (const prediction of predictions) {
      const result = prediction.heads[head];
      if (!result) throw new OtaiError("OTAI_MODEL_INVALID", `the model returned no prediction for head '${head}'`);
      predicted.push({ label: result.label, confidence: result.confidence });
    }
    progress.update({ stage: "predicting", done: predicted.length, total: texts.length });
  }
  return predicted;
}

function printSummary(
  io: Io,
  run: { model: string; head: string; file: string; rows: number },
  report: EvalReport,
  calibration: Reliability,
  at95: { coverage: number; threshold: number | null },
): void {
  const lines = [
    `model ${run.model}, head ${run.head}, data ${run.file} (${report.n} of ${run.rows} rows)`,
    "",
    `  n                          ${report.n}`,
    `  accuracy                   ${num(report.accuracy)}`,
    `  macro-F1                   ${num(report.macro_f1)}`,
    `  coverage at 95% precision  ${pct(report.coverage_at_precision_95)}${at95.threshold === null ? "" : ` (confidence ≥ ${num(at95.threshold)})`}`,
    `  calibration error (ECE)    ${num(calibration.ece)}`,
    "",
    "  threshold  accuracy  coverage",
    ...report.thresholds.map(
      (row) =>
        `  ${row.threshold.toFixed(2).padStart(9)}  ${(row.coverage === 0 ? "-" : num(row.accuracy)).padStart(8)}  ${pct(row.coverage).padStart(8)}`,
    ),
  ];
  lines.push(...weakestLabels("worst classes", report.per_class));
  io.out(lines.join("\n"));
}
