import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isOtaiError } from "@otai/core";
import type { SparseRows } from "../features/featurizer.ts";
import { deserializeModel, serializeModel } from "./serialize.ts";
import { syntheticExamples } from "./synthetic-examples.ts";
import {
  automaticC,
  automaticNbAlpha,
  automaticPairWeight,
  automaticTolerance,
  classWeights,
  trainModel,
} from "./train.ts";

const createdAt = new Date("2026-01-01T00:00:00Z");
const examples = syntheticExamples(300, 11);

describe("trainModel", () => {
  it("gives byte-identical model files for the same seed and data", async () => {
    const a = serializeModel(await trainModel(examples, { seed: 3, createdAt }));
    const b = serializeModel(await trainModel(examples, { seed: 3, createdAt }));
    assert.deepEqual(Buffer.from(a), Buffer.from(b));
  });

  it("gives a different model for a different seed, with an id derived from the contents", async () => {
    const a = await trainModel(examples, { seed: 3, createdAt });
    const b = await trainModel(examples, { seed: 4, createdAt });
    assert.notDeepEqual(Buffer.from(serializeModel(a)), Buffer.from(serializeModel(b)));
    assert.notEqual(a.meta.id, b.meta.id);
    const later = await trainModel(examples, { seed: 3, createdAt: new Date("2026-02-01T00:00:00Z") });
    assert.equal(later.meta.id, a.meta.id, "the id ignores the creation time");
  });

  it("records heads, labels, counts per head, languages and held-out metrics", async () => {
    const partial = examples.map((e, i) => (i % 3 === 0 ? { ...e, labels: { queue: e.labels.queue ?? "" } } : e));
    const model = await trainModel(partial, { createdAt });
    const { meta } = model;
    assert.deepEqual(
      meta.heads.map((h) => h.name),
      ["queue", "priority"],
    );
    assert.deepEqual(meta.heads[1]?.labels, ["high", "normal"]);
    const priorityCount = Object.values(meta.training.perHead.priority ?? {}).reduce((a, b) => a + b, 0);
    assert.equal(priorityCount, partial.filter((e) => e.labels.priority !== undefined).length);
    assert.equal(meta.training.examples, partial.length);
    assert.ok(Object.keys(meta.training.languages).length >= 4, JSON.stringify(meta.training.languages));
    const queueMetrics = meta.metrics.queue as Record<string, number>;
    assert.ok((queueMetrics.accuracy ?? 0) > 0.6, JSON.stringify(queueMetrics));
    assert.ok((queueMetrics.temperature ?? 0) > 0);
    assert.equal(meta.format, "otai-local-model");
  });

  it("trains only the requested heads and reports progress", async () => {
    const stages = new Set<string>();
    const model = await trainModel(examples, {
      heads: ["priority"],
      tags: false,
      onProgress: ({ stage }) => stages.add(stage),
    });
    assert.deepEqual(
      model.meta.heads.map((h) => h.name),
      ["priority"],
    );
    assert.deepEqual(model.meta.tags, []);
    assert.ok(stages.has("features") && stages.has("head:priority") && stages.has("finalise"), [...stages].join());
  });

  it("lets timers run while it trains", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await trainModel(syntheticExamples(800, 5));
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks > 0, "the interval fired during training");
  });

  it("rejects empty data, a head nobody labelled, and a head with one label", async () => {
    await assert.rejects(trainModel([]), (e) => isOtaiError(e, "OTAI_DATA_INVALID"));
    await assert.rejects(trainModel(examples, { heads: ["team"] }), (e) => isOtaiError(e, "OTAI_DATA_INVALID"));
    // It would predict that label for every text with confidence 1.
    const oneQueue = examples.map((e) => ({ ...e, labels: { ...e.labels, queue: "IT" } }));
    await assert.rejects(
      trainModel(oneQueue, { heads: ["queue"] }),
      new RegExp(
        `head 'queue' has one label only \\('IT' on ${examples.length} example\\(s\\)\\): a classifier needs at least two`,
      ),
    );
  });

  it("weighs classes by n/(K·n_c) to a power over the fit's own rows", () => {
    const targets = { offsets: Int32Array.from([0, 1, 2, 3, 4]), ids: Int32Array.from([0, 0, 0, 1]) };
    assert.deepEqual(Array.from(classWeights(targets, Int32Array.from([0, 1, 2, 3]), 2, 1)), [4 / 6, 2]);
    assert.deepEqual(Array.from(classWeights(targets, Int32Array.from([0, 3]), 2, 2)), [1, 1]);
  });

  it("records the class handling: balanced costs by default, offsets (one per class) only when asked", async () => {
    const model = await trainModel(examples, { heads: ["queue"], tags: false });
    const queue = model.meta.metrics.queue as { classOffsets?: number[]; classBalance?: number };
    assert.equal(queue.classBalance, 1);
    assert.equal(queue.classOffsets, undefined);
    const on = await trainModel(examples, { heads: ["queue"], tags: false, hyper: { classOffsets: true } });
    const offsets = (on.meta.metrics.queue as { classOffsets?: number[] }).classOffsets;
    assert.equal(offsets?.length, on.meta.heads[0]?.labels.length);
  });

  it("sets C, the NBSVM smoothing and the solver tolerance by text length, and records them", async () => {
    // Two rows averaging 400 features (long tickets) against two of 10 (short queries).
    const rowsOf = (perRow: number): SparseRows => ({
      rows: 2,
      cols: perRow,
      offsets: Int32Array.from([0, perRow, 2 * perRow]),
      indices: new Int32Array(2 * perRow),
      values: new Float32Array(2 * perRow),
    });
    const long = rowsOf(400);
    const short = rowsOf(10);
    assert.deepEqual([automaticC(long), automaticNbAlpha(long), automaticTolerance(long)], [2, 1, 0.5]);
    assert.deepEqual([automaticC(short), automaticNbAlpha(short), automaticTolerance(short)], [1, 0, 0.2]);
    // The synthetic tickets are short: the recorded settings are the short-text ones, and a given tolerance wins.
    const model = await trainModel(examples, { heads: ["queue"], tags: false });
    const queue = model.meta.metrics.queue as Record<string, number>;
    assert.deepEqual([queue.C, queue.nbAlpha, queue.tolerance, queue.nbPower], [1, 0, 0.2, 0.75]);
    const given = await trainModel(examples, { heads: ["queue"], tags: false, hyper: { tolerance: 0.05 } });
    assert.equal((given.meta.metrics.queue as Record<string, number>).tolerance, 0.05);
  });

  it("gives the word pairs a block of their own in short texts, keeps them in the word block in long ones, and records it", async () => {
    assert.equal(automaticPairWeight(["x".repeat(150), "y".repeat(240)]), 0.8);
    assert.equal(automaticPairWeight(["x".repeat(160), "y".repeat(240)]), 0);
    const short = await trainModel(examples, { heads: ["queue"], tags: false });
    assert.equal(short.meta.hyper.pairWeight, 0.8);
    const filler = " and some more words of the same ticket".repeat(6);
    const long = examples.map((e) => ({ ...e, text: `${e.text}${filler}` }));
    const model = await trainModel(long, { heads: ["queue"], tags: false });
    assert.equal(model.meta.hyper.pairWeight, 0);
    const given = await trainModel(examples, { heads: ["queue"], tags: false, hyper: { pairWeight: 0 } });
    assert.equal(given.meta.hyper.pairWeight, 0);
    // A loaded file featurises as the trained model did.
    const text = examples[0]?.text ?? "";
    const loaded = deserializeModel(serializeModel(short));
    assert.deepEqual(loaded.predict([text]), short.predict([text]));
    assert.notDeepEqual(given.predict([text]), short.predict([text]));
  });
});
