import assert from "node:assert/strict";
import { it } from "node:test";
import { DEFAULT_HYPERPARAMETERS } from "../model/defaults.ts";
import { featureConfig } from "../model/feature-config.ts";
import { syntheticExamples } from "../model/synthetic-examples.ts";
import { fitFeatures } from "./featurizer.ts";

for (const pairWeight of [0, 0.8]) {
  it(`transform gives a training text the same features as fitting did (prediction path = training path), pair weight ${pairWeight}`, async () => {
    const texts = syntheticExamples(120, 7).map((e) => e.text);
    const { featurizer, rows } = await fitFeatures(texts, { ...featureConfig(DEFAULT_HYPERPARAMETERS), pairWeight });
    for (const r of [0, 5, 60, 119]) {
      const from = rows.offsets[r] as number;
      const to = rows.offsets[r + 1] as number;
      const expected = new Map<number, number>();
      for (let i = from; i < to; i++) expected.set(rows.indices[i] as number, rows.values[i] as number);
      // Twice: the per-text marks in the vocabulary table must be cleared after each text.
      for (let pass = 0; pass < 2; pass++) {
        const vector = featurizer.transform(texts[r] as string);
        assert.equal(vector.length, to - from);
        for (let i = 0; i < vector.length; i++) {
          const want = expected.get(vector.indices[i] as number);
          assert.ok(want !== undefined, "an unexpected column");
          assert.ok(Math.abs((vector.values[i] as number) - want) < 1e-5);
        }
      }
    }
    assert.equal(featurizer.transform("漢字漢字 ぁぃぁぃ").length, 0, "unseen n-grams have no column");
  });
}

it("normalises the word pairs on their own when they have a weight, inside the word block when not", async () => {
  const texts = ["printer jams paper again", "paper tray printer jams", "again the tray is empty"];
  const config = { ...featureConfig(DEFAULT_HYPERPARAMETERS), charMin: 0, charMax: 0 };
  const squares = async (pairWeight: number) => {
    const { featurizer } = await fitFeatures(texts, { ...config, pairWeight });
    const vector = featurizer.transform(texts[0] as string);
    let sum = 0;
    for (let i = 0; i < vector.length; i++) sum += (vector.values[i] as number) ** 2;
    return sum;
  };
  // One block: its squares sum to wordWeight². Two: wordWeight² + pairWeight².
  const w = config.wordWeight;
  assert.ok(Math.abs((await squares(0)) - w * w) < 1e-5);
  assert.ok(Math.abs((await squares(0.5)) - (w * w + 0.25)) < 1e-5);
});
