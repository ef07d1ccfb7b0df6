import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readSplitFile } from "./child-result.ts";
import { writeSplit } from "./write-split.ts";

const ex = (text: string, label: string) => ({ text, label, extra: { language: "en" } });

test("writeSplit writes train and test only, round-tripping text with newlines and quotes", () => {
  const dir = mkdtempSync(join(tmpdir(), "write-split-"));
  try {
    const files = writeSplit({ train: [ex('a "b"\nc', "x")], val: [ex("v", "x")], test: [ex("t", "y")] }, dir);
    assert.deepEqual(files, ["train", "test"]);
    assert.deepEqual(readdirSync(dir).sort(), ["test.jsonl", "train.jsonl"]);
    assert.deepEqual(readSplitFile(dir, "train"), [{ text: 'a "b"\nc', label: "x" }]);
    assert.equal(readSplitFile(dir, "val"), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("writeSplit adds val, oos_val and oos_test when the split has out-of-scope rows", () => {
  const dir = mkdtempSync(join(tmpdir(), "write-split-"));
  try {
    const split = {
      train: [ex("a", "x")],
      val: [ex("v", "x")],
      test: [ex("t", "x")],
      oosVal: [],
      oosTest: [ex("o", "oos")],
    };
    assert.deepEqual(writeSplit(split, dir), ["train", "test", "val", "oos_val", "oos_test"]);
    assert.deepEqual(readSplitFile(dir, "oos_val"), []);
    assert.deepEqual(readSplitFile(dir, "oos_test"), [{ text: "o", label: "oos" }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
