import assert from "node:assert/strict";
import { test } from "node:test";
import { bestPeer, comparePaired, formatPairedTable, pairedBootstrap } from "./paired-bootstrap.ts";
import type { BenchRow } from "./results-table.ts";

const gold = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? "a" : "b"));
const right = (i: number, confidence = 0.9) => ({ label: gold[i] as string, confidence });
const wrong = (i: number, confidence = 0.9) => ({ label: gold[i] === "a" ? "b" : "a", confidence });

test("identical predictions differ by exactly 0 in every resample", () => {
  const same = gold.map((_, i) => (i % 3 === 0 ? wrong(i) : right(i)));
  const intervals = pairedBootstrap(gold, same, same, 200);
  for (const interval of Object.values(intervals)) {
    assert.deepEqual(interval, { difference: 0, low: 0, high: 0, atLeast: 1 });
  }
});

test("one ticket more right: the interval starts at 0 (that ticket is often not drawn) and ours never loses", () => {
  const theirs = gold.map((_, i) => (i < 30 ? wrong(i, 0.6) : right(i, 0.6)));
  const ours = theirs.map((p, i) => (i === 0 ? right(i, 0.6) : p));
  const { accuracy } = pairedBootstrap(gold, ours, theirs, 2000);
  assert.ok(Math.abs(accuracy.difference - 0.01) < 1e-12);
  // P(item 0 never drawn in 100 draws) = 0.99^100 ≈ 0.37, far above 2.5%.
  assert.equal(accuracy.low, 0);
  assert.ok(accuracy.high >= 0.02 && accuracy.high <= 0.04, `high ${accuracy.high}`);
  assert.equal(accuracy.atLeast, 1);
});

test("the same seed gives the same interval, another seed another", () => {
  const ours = gold.map((_, i) => (i % 4 === 0 ? wrong(i, 0.5 + (i % 7) / 20) : right(i, 0.5 + (i % 5) / 10)));
  const theirs = gold.map((_, i) => (i % 5 === 0 ? wrong(i, 0.7) : right(i, 0.6 + (i % 3) / 10)));
  const first = pairedBootstrap(gold, ours, theirs, 300, 1);
  assert.deepEqual(pairedBootstrap(gold, ours, theirs, 300, 1), first);
  assert.notDeepEqual(pairedBootstrap(gold, ours, theirs, 300, 2).macro_f1, first.macro_f1);
  for (const interval of Object.values(first)) {
    assert.ok(interval.low <= interval.difference && interval.difference <= interval.high);
  }
});

test("mismatched lengths are refused", () => {
  assert.throws(() => pairedBootstrap(gold, [right(0)], [right(0)], 10), /differ in number/);
});

const row = (model: BenchRow["model"], accuracy: number, coverage: number): BenchRow => ({
  model,
  task: "tobi-priority",
  accuracy,
  macro_f1: 0.5,
  coverage_at_precision_95: coverage,
  train_s: 1,
  predict_per_s: 1,
  peak_rss_mb: 1,
  oos_recall: null,
});

test("bestPeer takes the highest peer per metric and never otai-local", () => {
  const rows = [row("otai-local", 0.9, 0.9), row("fasttext", 0.5, 0.3), row("tfidf-logreg", 0.6, 0.1)];
  assert.equal(bestPeer(rows, "accuracy")?.model, "tfidf-logreg");
  assert.equal(bestPeer(rows, "coverage_at_precision_95")?.model, "fasttext");
  assert.equal(bestPeer([rows[0] as BenchRow], "accuracy"), undefined);
});

test("formatPairedTable shows points, signs and the share of resamples", () => {
  const lines = formatPairedTable([
    {
      task: "tobi-priority",
      metric: "macro_f1",
      peer: "tfidf-logreg",
      interval: { difference: -0.0091, low: -0.054, high: 0.0342, atLeast: 0.342 },
    },
    {
      task: "banking77",
      metric: "accuracy",
      peer: "tfidf-logreg",
      interval: { difference: 0.0022, low: -0.0031, high: 0.0075, atLeast: 0.79 },
    },
  ]).split("\n");
  assert.equal(lines.length, 4);
  assert.equal(lines[2], "| tobi-priority | macro-F1 | tfidf-logreg | −0.009 | −0.054 to +0.034 | 34% |");
  assert.equal(lines[3], "| banking77 | accuracy (points) | tfidf-logreg | +0.22 | −0.31 to +0.75 | 79% |");
});

test("comparePaired picks the best peer per metric, bootstraps each peer once, and needs otai-local", () => {
  const ours = gold.map((_, i) => (i % 4 === 0 ? wrong(i) : right(i)));
  const logreg = gold.map((_, i) => (i % 3 === 0 ? wrong(i) : right(i)));
  const svc = gold.map((_, i) => (i % 2 === 0 ? wrong(i) : right(i, 0.99)));
  const predictions = new Map([
    ["otai-local", ours],
    ["tfidf-logreg", logreg],
    ["tfidf-linearsvc", svc],
  ] as const);
  const rows = [
    { ...row("tfidf-logreg", 0.67, 0.1), macro_f1: 0.6 },
    { ...row("tfidf-linearsvc", 0.5, 0.5), macro_f1: 0.5 },
  ];
  const comparisons = comparePaired("tobi-priority", gold, predictions, rows);
  assert.deepEqual(
    comparisons.map((c) => [c.metric, c.peer]),
    [
      ["accuracy", "tfidf-logreg"],
      ["macro_f1", "tfidf-logreg"],
      ["coverage_at_precision_95", "tfidf-linearsvc"],
    ],
  );
  assert.deepEqual(comparisons[0]?.interval, pairedBootstrap(gold, ours, logreg).accuracy);
  assert.ok(Math.abs((comparisons[0]?.interval.difference ?? 0) - (0.75 - 0.66)) < 1e-12);
  assert.deepEqual(comparePaired("tobi-priority", gold, new Map([["tfidf-logreg", logreg]]), rows), []);
});
