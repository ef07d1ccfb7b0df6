import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { coverageAtPrecision, precisionCoverageCurve } from "./coverage.ts";
import { evaluatePredictions } from "./metrics.ts";
import { reliability } from "./reliability.ts";
import type { ScoredPrediction } from "./scored-prediction.ts";

const p = (label: string, confidence = 0.9): ScoredPrediction => ({ label, confidence });
const close = (actual: number | undefined, expected: number) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe("evaluatePredictions", () => {
  // Confusion (rows gold a,b,c; columns predicted): [2,1,0] [0,1,1] [0,0,1].
  // a: P 2/2, R 2/3, F1 0.8; b: P 1/2, R 1/2, F1 0.5; c: P 1/2, R 1, F1 2/3 → macro (0.8+0.5+2/3)/3.
  const gold = ["a", "a", "a", "b", "b", "c"];
  const predicted = [p("a"), p("a"), p("b"), p("b"), p("c"), p("c")];

  it("computes the confusion matrix, per-class metrics and macro-F1 by hand", () => {
    const report = evaluatePredictions(gold, predicted);
    assert.equal(report.n, 6);
    close(report.accuracy, 4 / 6);
    assert.deepEqual(report.confusion, {
      labels: ["a", "b", "c"],
      matrix: [
        [2, 1, 0],
        [0, 1, 1],
        [0, 0, 1],
      ],
    });
    close(report.per_class.a?.precision, 1);
    close(report.per_class.a?.recall, 2 / 3);
    close(report.per_class.a?.f1, 0.8);
    close(report.per_class.b?.f1, 0.5);
    close(report.per_class.c?.f1, 2 / 3);
    assert.equal(report.per_class.a?.support, 3);
    close(report.macro_f1, (0.8 + 0.5 + 2 / 3) / 3); // scikit-learn gives 0.6555…
  });

  it("averages over the union of gold and predicted labels, F1 0 for never-predicted classes", () => {
    const report = evaluatePredictions(["a", "b"], [p("a"), p("d")]);
    assert.deepEqual(report.confusion.labels, ["a", "b", "d"]);
    assert.deepEqual(report.per_class.b, { precision: 0, recall: 0, f1: 0, support: 1 });
    assert.deepEqual(report.per_class.d, { precision: 0, recall: 0, f1: 0, support: 0 });
    close(report.macro_f1, 1 / 3);
  });

  it("orders classes as asked, appends unlisted ones and leaves out absent ones", () => {
    const report = evaluatePredictions(gold, predicted, { labels: ["c", "zzz", "a"] });
    assert.deepEqual(report.confusion.labels, ["c", "a", "b"]);
    assert.deepEqual(report.confusion.matrix[0], [1, 0, 0]);
  });

  it("lists thresholds 0.50 to 0.95 with accuracy and coverage of the items at or above each", () => {
    const confident = [p("a", 0.97), p("a", 0.7), p("b", 0.5), p("b", 0.62), p("c", 0.3), p("c", 0.75)];
    const report = evaluatePredictions(gold, confident);
    assert.deepEqual(
      report.thresholds.map((row) => row.threshold),
      [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95],
    );
    // At 0.70: items 0 (a✓), 1 (a✓) and 5 (c✓) → 3 of 6, all correct.
    assert.deepEqual(report.thresholds[4], { threshold: 0.7, accuracy: 1, coverage: 0.5 });
    // At 0.60: adds item 3 (gold b, predicted b ✓) → 4 of 6.
    assert.deepEqual(report.thresholds[2], { threshold: 0.6, accuracy: 1, coverage: 4 / 6 });
    // At 0.50: adds item 2 (gold a, predicted b ✗) → 4 of 5 correct, 5 of 6 covered.
    assert.deepEqual(report.thresholds[0], { threshold: 0.5, accuracy: 0.8, coverage: 5 / 6 });
  });

  it("returns zeros rather than NaN for no data", () => {
    const report = evaluatePredictions([], []);
    assert.equal(report.accuracy, 0);
    assert.equal(report.macro_f1, 0);
    assert.equal(report.coverage_at_precision_95, 0);
  });

  it("refuses unpaired input", () => {
    assert.throws(() => evaluatePredictions(["a"], []), /one prediction per gold label/);
  });
});

describe("coverageAtPrecision", () => {
  function items(groups: [confidence: number, correct: number, wrong: number][]) {
    const gold: string[] = [];
    const predicted: ScoredPrediction[] = [];
    for (const [confidence, correct, wrong] of groups) {
      for (let i = 0; i < correct + wrong; i++) {
        gold.push("x");
        predicted.push(p(i < correct ? "x" : "y", confidence));
      }
    }
    return { gold, predicted };
  }

  it("takes the largest most-confident prefix with accuracy ≥ 95%", () => {
    // 10 ✓ at 0.9, 9 ✓ + 1 ✗ at 0.8 (19/20 = 0.95), then 1 ✓ + 1 ✗ at 0.7 (20/22), 10 ✓ at 0.6 (30/32).
    const { gold, predicted } = items([
      [0.9, 10, 0],
      [0.8, 9, 1],
      [0.7, 1, 1],
      [0.6, 10, 0],
    ]);
    assert.deepEqual(coverageAtPrecision(gold, predicted, 0.95), { coverage: 20 / 32, threshold: 0.8 });
    assert.equal(evaluatePredictions(gold, predicted).coverage_at_precision_95, 20 / 32);
  });

  it("keeps looking past a dip: a longer prefix that recovers counts", () => {
    // As above plus 20 ✓ at 0.5: 50/52 ≈ 0.96 over everything.
    const { gold, predicted } = items([
      [0.9, 10, 0],
      [0.8, 9, 1],
      [0.7, 1, 1],
      [0.6, 10, 0],
      [0.5, 20, 0],
    ]);
    assert.deepEqual(coverageAtPrecision(gold, predicted, 0.95), { coverage: 1, threshold: 0.5 });
  });

  it("takes equal confidences together, whatever their order", () => {
    // 1 ✓ at 0.95, then 1 ✓ and 1 ✗ tied at 0.9: a threshold cannot take only the right one.
    const gold = ["x", "x", "x"];
    for (const predicted of [
      [p("x", 0.95), p("x", 0.9), p("y", 0.9)],
      [p("y", 0.9), p("x", 0.9), p("x", 0.95)],
    ]) {
      assert.deepEqual(coverageAtPrecision(gold, predicted, 0.95), { coverage: 1 / 3, threshold: 0.95 });
    }
  });

  it("is 0 with no threshold when even the most confident are below the precision", () => {
    assert.deepEqual(coverageAtPrecision(["x", "x"], [p("y", 0.9), p("x", 0.8)], 0.95), {
      coverage: 0,
      threshold: null,
    });
  });

  it("draws one curve point per distinct confidence, ending at full coverage", () => {
    const curve = precisionCoverageCurve(["x", "x", "x"], [p("x", 0.9), p("y", 0.9), p("x", 0.4)]);
    assert.deepEqual(curve, [
      { threshold: 0.9, accuracy: 0.5, coverage: 2 / 3 },
      { threshold: 0.4, accuracy: 2 / 3, coverage: 1 },
    ]);
    const many = Array.from({ length: 1000 }, (_, i) => p("x", i / 1000));
    const thinned = precisionCoverageCurve(
      many.map(() => "x"),
      many,
      50,
    );
    assert.equal(thinned.length, 50);
    assert.equal(thinned.at(-1)?.coverage, 1);
  });
});

describe("reliability", () => {
  it("bins by confidence and weighs the gaps by support (hand-computed ECE)", () => {
    const gold = ["a", "a", "a", "a", "a"];
    const predicted = [p("a", 0.15), p("b", 0.12), p("a", 0.95), p("a", 1), p("b", 0.55)];
    const { bins, ece } = reliability(gold, predicted, 10);
    assert.equal(bins.length, 10);
    assert.deepEqual(
      bins.map((bin) => bin.count),
      [0, 2, 0, 0, 0, 1, 0, 0, 0, 2],
    );
    close(bins[1]?.accuracy, 0.5);
    close(bins[1]?.confidence, 0.135);
    close(bins[9]?.confidence, 0.975);
    close(bins[9]?.hi, 1);
    // 2/5·|0.5−0.135| + 1/5·|0−0.55| + 2/5·|1−0.975| = 0.146 + 0.11 + 0.01
    close(ece, 0.266);
  });
});
