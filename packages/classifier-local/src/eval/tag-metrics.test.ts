import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateTags } from "./tag-metrics.ts";

const close = (actual: number | undefined, expected: number, what: string) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);

describe("evaluateTags", () => {
  // Four tickets. Gold pairs: 5; predicted pairs: 4; right: 3 (invoice ×2, vip ×1).
  const gold = [["invoice", "vip"], ["invoice"], [], ["vip", "lead"]];
  const predicted = [["invoice", "vip"], ["invoice", "lead"], [], []];
  const report = evaluateTags(gold, predicted, { tags: ["vip", "invoice", "lead", "never"] });

  it("counts micro precision and recall over (ticket, tag) pairs", () => {
    close(report.micro_precision, 3 / 4, "precision");
    close(report.micro_recall, 3 / 5, "recall");
    close(report.micro_f1, (2 * 0.75 * 0.6) / 1.35, "micro-F1");
  });

  it("scores each tag and averages the tags seen (the listed order first)", () => {
    assert.deepEqual(Object.keys(report.per_tag), ["vip", "invoice", "lead"]);
    assert.deepEqual(report.per_tag.invoice, { precision: 1, recall: 1, f1: 1, support: 2, predicted: 2 });
    assert.deepEqual(report.per_tag.vip, { precision: 1, recall: 0.5, f1: 2 / 3, support: 2, predicted: 1 });
    // lead: predicted once wrongly and missed once.
    assert.deepEqual(report.per_tag.lead, { precision: 0, recall: 0, f1: 0, support: 1, predicted: 1 });
    close(report.macro_f1, (1 + 2 / 3 + 0) / 3, "macro-F1");
  });

  it("counts a ticket as exact only when its whole set matches, an empty set included", () => {
    close(report.subset_accuracy, 2 / 4, "subset accuracy");
    close(report.mean_gold_tags, 5 / 4, "gold tags per ticket");
    close(report.mean_predicted_tags, 4 / 4, "predicted tags per ticket");
  });

  it("ignores order and repeats within a set", () => {
    const again = evaluateTags([["b", "a", "a"]], [["a", "b"]]);
    assert.equal(again.micro_f1, 1);
    assert.equal(again.subset_accuracy, 1);
    assert.equal(again.per_tag.a?.support, 1);
  });

  it("is all zeros, not NaN, with no tags anywhere, and refuses unpaired input", () => {
    const empty = evaluateTags([[], []], [[], []]);
    assert.deepEqual(
      [empty.micro_precision, empty.micro_recall, empty.micro_f1, empty.macro_f1, empty.subset_accuracy],
      [0, 0, 0, 0, 1],
    );
    assert.throws(() => evaluateTags([["a"]], []), /one prediction per ticket: got 0 predictions for 1 tickets/);
  });
});
