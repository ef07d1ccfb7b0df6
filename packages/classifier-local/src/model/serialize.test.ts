import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isOtaiError } from "@otai/core";
import { loadModel, saveModel } from "./files.ts";
import { deserializeModel, serializeModel } from "./serialize.ts";
import { syntheticExamples } from "./synthetic-examples.ts";
import { trainModel } from "./train.ts";

const model = await trainModel(syntheticExamples(300, 31), { seed: 2 });
const texts = syntheticExamples(50, 32).map((e) => e.text);
const dir = mkdtempSync(join(tmpdir(), "otai-local-"));

describe("model files", () => {
  it("round-trip with identical metadata and predictions", async () => {
    const path = join(dir, "model.otai");
    await saveModel(model, path);
    assert.deepEqual(readdirSync(dir), ["model.otai"], "no temporary file is left behind");
    const loaded = await loadModel(path);
    assert.deepEqual(loaded.meta, model.meta);
    assert.deepEqual(loaded.predict(texts), model.predict(texts));
    assert.deepEqual(Buffer.from(serializeModel(loaded)), readFileSync(path));
  });

  it("reject a missing file, naming it", async () => {
    const path = join(dir, "missing.otai");
    await assert.rejects(loadModel(path), (e) => isOtaiError(e, "OTAI_MODEL_INVALID") && e.message.includes(path));
  });

  it("reject corrupt bytes, naming the file", async () => {
    const bytes = Buffer.from(serializeModel(model));
    const path = join(dir, "corrupt.otai");
    const flipped = Buffer.from(bytes);
    const at = flipped.length - 10;
    flipped[at] = (flipped[at] ?? 0) ^ 0xff;
    writeFileSync(path, flipped);
    await assert.rejects(loadModel(path), (e) => isOtaiError(e, "OTAI_MODEL_INVALID") && e.message.includes(path));
    writeFileSync(path, bytes.subarray(0, 40));
    await assert.rejects(loadModel(path), (e) => isOtaiError(e, "OTAI_MODEL_INVALID"));
    assert.throws(() => deserializeModel(Buffer.from("not a model at all"), "x.otai"), /x\.otai/);
  });

  it("reject an unknown format version", () => {
    const bytes = Buffer.from(serializeModel(model));
    const length = bytes.readUInt32LE(8);
    const header = JSON.parse(bytes.toString("utf8", 12, 12 + length));
    header.meta.formatVersion = 99;
    const json = Buffer.from(JSON.stringify(header));
    const size = Buffer.alloc(4);
    size.writeUInt32LE(json.length);
    const changed = Buffer.concat([bytes.subarray(0, 8), size, json, bytes.subarray(12 + length)]);
    assert.throws(
      () => deserializeModel(changed, "future.otai"),
      (e) => isOtaiError(e, "OTAI_MODEL_INVALID") && /format version 99/.test(e.message),
    );
  });
});
