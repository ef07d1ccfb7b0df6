import assert from "node:assert/strict";
import { test } from "node:test";
import type { ChildResult } from "./child-result.ts";
import type { Split } from "./datasets.ts";
import { scoreResult } from "./score-result.ts";

const ex = (text: string, label: string) => ({ text, label });

test("scoreResult scores test only and leaves oos_recall null without OOS data (fake child result)", () => {
  const split: Split = { train: [ex("t", "a")], val: [ex("v", "a")], test: [ex("x", "a"), ex("y", "b")] };
  const result: ChildResult = {
    predictions: {
      test: [
        ["a", 0.9],
        ["a", 0.6],
      ],
    },
    train_s: 1.5,
    predict_per_s: 100,
    peak_rss_mb: 50,
  };
  const row = scoreResult("fasttext", "banking77", split, result);
  assert.equal(row.accuracy, 0.5);
  assert.equal(row.oos_recall, null);
  assert.equal(row.train_s, 1.5);
});

test("scoreResult picks the OOS threshold on val and measures recall on oos_test (fake child result)", () => {
  const val = Array.from({ length: 100 }, (_, i) => ex(`v${i}`, "a"));
  const split: Split = {
    train: [],
    val,
    test: [ex("x", "a")],
    oosVal: [],
    oosTest: [ex("o1", "oos"), ex("o2", "oos"), ex("o3", "oos"), ex("o4", "oos")],
  };
  const result: ChildResult = {
    predictions: {
      test: [["a", 0.99]],
      val: val.map((_, i) => ["a", (i + 1) / 100] as [string, number]),
      oos_test: [
        ["a", 0.005],
        ["a", 0.015],
        ["a", 0.5],
        ["a", 0.9],
      ],
    },
    train_s: 1,
    predict_per_s: null,
    peak_rss_mb: null,
  };
  const row = scoreResult("tfidf-logreg", "clinc150", split, result);
  // Threshold 0.02 (rejects one correct val answer = one point): two OOS queries fall below it.
  assert.equal(row.oos_threshold, 0.02);
  assert.equal(row.oos_recall, 0.5);
});

test("scoreResult refuses a child that returned the wrong number of predictions (fake child result)", () => {
  const split: Split = { train: [], val: [], test: [ex("x", "a"), ex("y", "b")] };
  const result: ChildResult = { predictions: { test: [["a", 1]] }, train_s: 0, predict_per_s: null, peak_rss_mb: null };
  assert.throws(() => scoreResult("otai-local", "tobi-type", split, result), /expected 2 predictions, got 1/);
});
