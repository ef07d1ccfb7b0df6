import assert from "node:assert/strict";
import { test } from "node:test";
import { isOtaiError } from "@otai/core";
import { parseBenchOptions } from "./cli-options.ts";
import { TASKS } from "./datasets.ts";
import { MODELS } from "./models.ts";

test("parseBenchOptions runs everything by default", () => {
  assert.deepEqual(parseBenchOptions([]), { tasks: [...TASKS], models: [...MODELS], json: false, cv: null });
});

test("parseBenchOptions keeps a subset in canonical order, with either flag form", () => {
  const options = parseBenchOptions(["--tasks", "clinc150,tobi-type", "--models=tfidf-logreg,fasttext", "--json"]);
  assert.deepEqual(options.tasks, ["tobi-type", "clinc150"]);
  assert.deepEqual(options.models, ["fasttext", "tfidf-logreg"]);
  assert.equal(options.json, true);
});

test("parseBenchOptions rejects unknown names and flags with OTAI_USAGE", () => {
  assert.throws(
    () => parseBenchOptions(["--tasks", "imdb"]),
    (e) => isOtaiError(e, "OTAI_USAGE") && /imdb/.test(e.message),
  );
  assert.throws(
    () => parseBenchOptions(["--models"]),
    (e) => isOtaiError(e, "OTAI_USAGE"),
  );
  assert.throws(
    () => parseBenchOptions(["--fast"]),
    (e) => isOtaiError(e, "OTAI_USAGE"),
  );
});

test("parseBenchOptions reads --cv K and refuses a fold count it cannot use", () => {
  assert.equal(parseBenchOptions(["--cv", "5", "--tasks", "banking77"]).cv, 5);
  assert.deepEqual(parseBenchOptions(["--cv=3", "--tasks", "banking77"]).tasks, ["banking77"]);
  for (const bad of [["--cv"], ["--cv", "1"], ["--cv", "five"], ["--cv=2.5"], ["--cv", "5", "--json"]]) {
    assert.throws(
      () => parseBenchOptions(bad),
      (e) => isOtaiError(e, "OTAI_USAGE") && /--cv/.test(e.message),
    );
  }
});
