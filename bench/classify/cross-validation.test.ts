import assert from "node:assert/strict";
import { test } from "node:test";
import { cvSplits, formatCvTable, pairedDifference, spread, summariseFolds } from "./cross-validation.ts";
import type { Example, Split, TaskName } from "./datasets.ts";
import type { ModelName } from "./models.ts";
import type { BenchRow } from "./results-table.ts";

const examples = (prefix: string, n: number): Example[] =>
  Array.from({ length: n }, (_, i) => ({ text: `${prefix} ticket ${i}`, label: i % 3 === 0 ? "a" : "b" }));

const split: Split = { train: examples("train", 200), val: examples("val", 40), test: examples("test", 30) };

test("cvSplits partitions train + validation into K folds and never touches test", () => {
  const folds = cvSplits("tobi-queue", split, 5);
  assert.equal(folds.length, 5);
  const tested = folds.flatMap((f) => f.test.map((e) => e.text));
  assert.equal(tested.length, 240, "every pool row is tested exactly once");
  assert.equal(new Set(tested).size, 240);
  for (const fold of folds) {
    assert.equal(fold.train.length + fold.test.length, 240);
    const inTest = new Set(fold.test.map((e) => e.text));
    assert.ok(
      fold.train.every((e) => !inTest.has(e.text)),
      "a fold never trains on its own test rows",
    );
    assert.ok(fold.test.length > 20 && fold.test.length < 80, `fold sizes are balanced (${fold.test.length})`);
  }
  const all = folds.flatMap((f) => [...f.train, ...f.test]).map((e) => e.text);
  assert.ok(!all.some((t) => t.startsWith("test ")), "no test-split row is in any fold");
  assert.deepEqual(cvSplits("tobi-queue", split, 5), folds, "the folds are deterministic");
});

test("cvSplits uses train alone for BANKING77, whose validation rows are part of train", () => {
  const banking: Split = { train: split.train, val: split.train.slice(0, 20), test: split.test };
  const tested = cvSplits("banking77", banking, 4).flatMap((f) => f.test);
  assert.equal(tested.length, 200);
});

const row = (model: ModelName, task: TaskName, accuracy: number, macro_f1: number, coverage: number): BenchRow => ({
  model,
  task,
  accuracy,
  macro_f1,
  coverage_at_precision_95: coverage,
  train_s: 1,
  predict_per_s: 1,
  peak_rss_mb: 1,
  oos_recall: null,
});

test("spread and summariseFolds give the mean and the sample standard deviation", () => {
  assert.deepEqual(spread([1, 3]), { mean: 2, sd: Math.SQRT2 });
  assert.deepEqual(spread([0.5]), { mean: 0.5, sd: 0 });
  const summary = summariseFolds([
    row("fasttext", "banking77", 0.8, 0.7, 0.1),
    row("fasttext", "banking77", 0.9, 0.8, 0.3),
  ]);
  assert.equal(summary.folds, 2);
  assert.ok(Math.abs(summary.accuracy.mean - 0.85) < 1e-12);
  assert.ok(Math.abs(summary.coverage_at_precision_95.sd - Math.sqrt(0.02)) < 1e-12);
});

test("pairedDifference compares fold by fold and counts the folds won", () => {
  const ours = [0.62, 0.66, 0.6].map((a) => row("otai-local", "tobi-priority", a, 0, 0));
  const peer = [0.6, 0.65, 0.61].map((a) => row("tfidf-logreg", "tobi-priority", a, 0, 0));
  const d = pairedDifference(ours, peer, "accuracy");
  assert.equal(d.wins, 2);
  assert.equal(d.folds, 3);
  assert.ok(Math.abs(d.mean - (0.02 + 0.01 - 0.01) / 3) < 1e-12);
  assert.ok(Math.abs(d.se - spread([0.02, 0.01, -0.01]).sd / Math.sqrt(3)) < 1e-12);
  assert.throws(() => pairedDifference(ours, peer.slice(1), "accuracy"), /differ/);
});

test("formatCvTable prints mean ± sd per model and the paired difference to the best peer", () => {
  const byTask = new Map<TaskName, Map<ModelName, BenchRow[]>>([
    [
      "tobi-type",
      new Map<ModelName, BenchRow[]>([
        [
          "otai-local",
          [row("otai-local", "tobi-type", 0.66, 0.62, 0.1), row("otai-local", "tobi-type", 0.64, 0.6, 0.12)],
        ],
        ["fasttext", [row("fasttext", "tobi-type", 0.58, 0.55, 0), row("fasttext", "tobi-type", 0.57, 0.54, 0)]],
        [
          "tfidf-logreg",
          [row("tfidf-logreg", "tobi-type", 0.65, 0.6, 0.05), row("tfidf-logreg", "tobi-type", 0.63, 0.59, 0.04)],
        ],
      ]),
    ],
  ]);
  const table = formatCvTable(byTask);
  assert.match(table, /\| tobi-type \| otai-local \| 2 \| 65\.00 ± 1\.41 \| 0\.610 ± 0\.014 \| 11\.0% ± 1\.4 \|/);
  assert.match(table, /otai-local − tfidf-logreg \(paired, ± s\.e\.\) \| \| \+1\.00 ± 0\.00 \(2\/2 folds\)/);
  assert.doesNotMatch(table, /otai-local − fasttext/);
});
