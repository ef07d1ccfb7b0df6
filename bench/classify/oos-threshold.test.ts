import assert from "node:assert/strict";
import { test } from "node:test";
import { chooseOosThreshold, oosRecall } from "./oos-threshold.ts";

const p = (label: string, confidence: number) => ({ label, confidence });

test("chooseOosThreshold picks the largest threshold within one point of val accuracy", () => {
  // 100 val queries, all correct, confidences 0.01..1.00: rejecting the lowest one costs exactly one point.
  const gold = Array.from({ length: 100 }, () => "a");
  const val = gold.map((_, i) => p("a", (i + 1) / 100));
  assert.equal(chooseOosThreshold(gold, val), 0.02);
  assert.equal(oosRecall(val, 0.02), 0.01);
});

test("chooseOosThreshold counts rejecting a wrong answer as free", () => {
  // The two least confident answers are wrong: rejecting them loses nothing, the next (right) one costs a point.
  const gold = Array.from({ length: 100 }, () => "a");
  const val = gold.map((_, i) => p(i < 2 ? "b" : "a", (i + 1) / 100));
  assert.equal(chooseOosThreshold(gold, val), 0.04);
});

test("chooseOosThreshold never splits tied scores", () => {
  const gold = ["a", "a", "a", "a"];
  const val = [p("a", 0.9), p("a", 0.5), p("a", 0.5), p("a", 0.5)];
  // Any threshold above 0.5 loses 75 points, so everything is accepted.
  assert.equal(chooseOosThreshold(gold, val), 0.5);
});

test("oosRecall is the share strictly below the threshold", () => {
  assert.equal(oosRecall([p("x", 0.3), p("y", 0.5), p("z", 0.7)], 0.5), 1 / 3);
  assert.equal(oosRecall([], 0.5), 0);
});
