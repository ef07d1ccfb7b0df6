import assert from "node:assert/strict";
import { test } from "node:test";
import { type BenchRow, formatTable, jsonLine } from "./results-table.ts";

const row: BenchRow = {
  model: "fasttext",
  task: "clinc150",
  accuracy: 0.904222,
  macro_f1: 0.90311,
  coverage_at_precision_95: 0.71234,
  train_s: 37.04,
  predict_per_s: 33210.7,
  peak_rss_mb: 195.98,
  oos_recall: 0.538,
};

test("formatTable prints percentages, rates and a skipped model's reason", () => {
  const lines = formatTable([row, { model: "otai-local", task: "clinc150", skipped: "otai-local not ready" }]).split(
    "\n",
  );
  assert.equal(lines.length, 4);
  assert.equal(lines[2], "| clinc150 | fasttext | 90.42 | 0.903 | 71.2% | 53.8 | 37.0 | 33.2k | 196 |");
  assert.match(lines[3] ?? "", /^\| clinc150 \| otai-local \| not run: otai-local not ready \|/);
});

test("jsonLine keeps the spec's keys and fractions", () => {
  const parsed = JSON.parse(jsonLine({ ...row, task: "banking77", oos_recall: null, peak_rss_mb: null }));
  assert.deepEqual(Object.keys(parsed), [
    "model",
    "task",
    "accuracy",
    "macro_f1",
    "coverage_at_precision_95",
    "train_s",
    "predict_per_s",
    "peak_rss_mb",
    "oos_recall",
  ]);
  assert.equal(parsed.accuracy, 0.9042);
  assert.equal(parsed.predict_per_s, 33211);
  assert.equal(parsed.oos_recall, null);
  assert.equal(parsed.peak_rss_mb, null);
});
