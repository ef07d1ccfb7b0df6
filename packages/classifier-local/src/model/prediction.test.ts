import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { coverageAtPrecision, expectedCalibrationError, softmaxInto } from "./calibration.ts";
import { SYNTHETIC_LANGUAGES, syntheticExamples } from "./synthetic-examples.ts";
import { trainModel } from "./train.ts";

const train = syntheticExamples(600, 21);
const heldOut = syntheticExamples(600, 22);
const model = await trainModel(train, { seed: 1 });

describe("predictions", () => {
  it("are calibrated on a held-out split: low ECE, and confident answers are right more often", () => {
    const predictions = model.predict(heldOut.map((e) => e.text));
    const confidences = predictions.map((p) => p.heads.queue?.confidence ?? 0);
    const correct = predictions.map((p, i) => p.heads.queue?.label === heldOut[i]?.labels.queue);
    const ece = expectedCalibrationError(confidences, correct, 10);
    assert.ok(ece < 0.08, `ECE ${ece}`);
    const bin = (lo: number, hi: number) => {
      const inBin = correct.filter((_, i) => (confidences[i] ?? 0) >= lo && (confidences[i] ?? 0) < hi);
      return inBin.filter(Boolean).length / Math.max(1, inBin.length);
    };
    assert.ok(bin(0.8, 1.01) > bin(0, 0.6), `high ${bin(0.8, 1.01)} low ${bin(0, 0.6)}`);
    // About 15% of labels are random, so no threshold reaches 100%, but most items clear 80%.
    assert.ok(coverageAtPrecision(confidences, correct, 0.8) > 0.5);
  });

  it("returns every head with top-k scores best first, summing to at most 1", () => {
    const [p] = model.predict(["Hello, the server down again, error message, please help"], { topK: 2 });
    assert.ok(p);
    assert.equal(p.heads.queue?.label, "technical");
    assert.equal(p.heads.queue?.scores.length, 2);
    const scores = p.heads.queue?.scores ?? [];
    assert.ok((scores[0]?.confidence ?? 0) >= (scores[1]?.confidence ?? 0));
    assert.ok(scores.reduce((a, s) => a + s.confidence, 0) <= 1 + 1e-9);
    assert.ok(p.heads.priority);
  });

  it("scores every output as its bias plus the int8 weights times the features, in groups of four and the rest", () => {
    const { parts } = model;
    const { outputs, bias, featurizer } = parts;
    const { scales, values } = parts.quantised;
    assert.ok(outputs > 4 && outputs % 4 !== 0, `${outputs} outputs exercise both loops`);
    const text = "Hello, the invoice is wrong again, please refund";
    const x = featurizer.transform(text);
    const logits = Array.from(bias, (b, k) => {
      let s = b;
      for (let i = 0; i < x.length; i++) {
        const f = x.indices[i] as number;
        s += (x.values[i] as number) * (scales[f] as number) * (values[f * outputs + k] as number);
      }
      return s;
    });
    const [p] = model.predict([text], { topK: 100 });
    for (const head of parts.heads) {
      const K = head.labels.length;
      const want = new Float64Array(K);
      softmaxInto(logits.slice(head.offset, head.offset + K), head.temperature, want);
      for (const score of p?.heads[head.name]?.scores ?? []) {
        const k = head.labels.indexOf(score.label);
        assert.ok(Math.abs(score.confidence - (want[k] as number)) < 1e-9, `${head.name} ${score.label}`);
      }
      assert.equal(p?.heads[head.name]?.scores.length, K);
    }
  });

  it("predicts several tags at once", () => {
    const [urgent, calm] = model.predict([
      "Hallo, server ausgefallen, fehlermeldung, dringend, alles ist blockiert",
      "Hello, quote, pricing, thank you",
    ]);
    assert.deepEqual(urgent?.tags.map((t) => t.label).sort(), ["escalate", "incident"]);
    assert.deepEqual(
      calm?.tags.map((t) => t.label),
      ["request"],
    );
    assert.deepEqual(model.meta.tags, ["escalate", "incident", "request"]);
  });

  it("names the language of each text", () => {
    const sample = heldOut.slice(0, 100);
    const predictions = model.predict(sample.map((e) => e.text));
    const right = predictions.filter((p, i) => p.language === sample[i]?.language).length;
    assert.ok(right >= 85, `${right}/100`);
    const seen = new Set(predictions.map((p) => p.language));
    for (const language of SYNTHETIC_LANGUAGES) assert.ok(seen.has(language), language);
  });

  it("predictAsync gives the same answers and lets a timer fire during a large batch", async () => {
    const texts = Array.from({ length: 10_000 }, (_, i) => heldOut[i % heldOut.length]?.text ?? "");
    let fired = 0;
    const timer = setInterval(() => fired++, 1);
    const asynchronous = await model.predictAsync(texts);
    clearInterval(timer);
    assert.ok(fired > 0, "a 1 ms interval fired while predicting");
    assert.deepEqual(asynchronous.slice(0, 50), model.predict(texts.slice(0, 50)));
  });

  it("predictAsync stops when its signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(model.predictAsync(["x"], { signal: controller.signal }), { name: "AbortError" });
  });
});
