import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isOtaiError } from "../errors.ts";
import { assertOutputWritable, writeOutputFile } from "./output-file.ts";

const dir = mkdtempSync(join(tmpdir(), "otai-output-"));

describe("writeOutputFile", () => {
  it("writes the file, replacing an older one, and leaves no temporary file", async () => {
    const path = join(dir, "report.html");
    await writeOutputFile(path, "old", "the report");
    await writeOutputFile(path, new TextEncoder().encode("new"), "the report");
    assert.equal(readFileSync(path, "utf8"), "new");
    assert.deepEqual(readdirSync(dir), ["report.html"]);
  });

  it("names what, where and why when the path cannot be written", async () => {
    const missing = join(dir, "no-such-folder", "m.otai");
    await assert.rejects(writeOutputFile(missing, "x", "the model"), (error) => {
      assert.ok(isOtaiError(error, "OTAI_OUTPUT_WRITE"));
      assert.equal(error.exitCode, 1);
      assert.equal(
        error.message,
        `cannot write the model to ${missing}: the folder ${join(dir, "no-such-folder")} does not exist`,
      );
      return true;
    });
    await assert.rejects(writeOutputFile(dir, "x", "the schema"), /cannot write the schema to .*: it is a folder/);
    assert.deepEqual(readdirSync(dir), ["report.html"], "no temporary file left behind");
  });
});

describe("assertOutputWritable", () => {
  it("passes for a writable path, leaving neither a probe nor a change to an existing file", async () => {
    const probeDir = mkdtempSync(join(tmpdir(), "otai-probe-"));
    await assertOutputWritable(join(probeDir, "new.otai"), "the model");
    assert.deepEqual(readdirSync(probeDir), []);
    const existing = join(probeDir, "old.otai");
    await writeOutputFile(existing, "kept", "the model");
    await assertOutputWritable(existing, "the model");
    assert.equal(readFileSync(existing, "utf8"), "kept");
    assert.deepEqual(readdirSync(probeDir), ["old.otai"]);
  });

  it("fails as writeOutputFile would: a missing folder, or a folder in the way", async () => {
    const missing = join(dir, "absent", "m.otai");
    await assert.rejects(assertOutputWritable(missing, "the model"), (error) => {
      assert.ok(isOtaiError(error, "OTAI_OUTPUT_WRITE"));
      assert.equal(
        error.message,
        `cannot write the model to ${missing}: the folder ${join(dir, "absent")} does not exist`,
      );
      return true;
    });
    await assert.rejects(assertOutputWritable(dir, "the report"), /cannot write the report to .*: it is a folder/);
  });
});
