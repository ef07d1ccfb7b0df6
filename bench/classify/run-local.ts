/**
 * @module bench/classify/run-local
 * Child process for our model: `node run-local.ts --dir SPLIT_DIR --task TASK --out OUT.json`.
 * Trains otai-local on one head (`label`, no tags) and predicts from raw text; the parent pins it to one core.
 */
import { writeFileSync } from "node:fs";
import { trainModel } from "otai-local";
import { type ChildResult, childArgs, type PredictionTuple, readSplitFile } from "./child-result.ts";
import { EXTRA_SPLITS } from "./write-split.ts";

const TIMING_RUNS = 3;

const { dir, out } = childArgs(process.argv);
const train = readSplitFile(dir, "train") ?? [];
const test = (readSplitFile(dir, "test") ?? []).map((e) => e.text);

const started = performance.now();
const cpuStarted = process.cpuUsage();
const model = await trainModel(
  train.map((e) => ({ text: e.text, labels: { label: e.label } })),
  { seed: 0, heads: ["label"], tags: false },
);
const trainSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);

const predict = (texts: readonly string[]): PredictionTuple[] =>
  model.predict(texts).map((p) => [p.heads.label?.label ?? "", p.heads.label?.confidence ?? 0]);

let testPredictions: PredictionTuple[] = [];
let best = Number.POSITIVE_INFINITY;
for (let run = 0; run < TIMING_RUNS; run++) {
  const t0 = performance.now();
  testPredictions = predict(test);
  best = Math.min(best, (performance.now() - t0) / 1000);
}

const predictions: ChildResult["predictions"] = { test: testPredictions };
for (const name of EXTRA_SPLITS) {
  const rows = readSplitFile(dir, name);
  if (rows) predictions[name] = predict(rows.map((e) => e.text));
}

const result: ChildResult = {
  predictions,
  train_s: trainSeconds,
  train_cpu_s: (cpu.user + cpu.system) / 1e6,
  predict_per_s: best > 0 ? test.length / best : null,
  // maxRSS is in kilobytes.
  peak_rss_mb: process.resourceUsage().maxRSS / 1024,
};
writeFileSync(out, JSON.stringify(result));
