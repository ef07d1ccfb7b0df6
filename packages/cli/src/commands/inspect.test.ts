import assert from "node:assert/strict";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { pickOtaiLocal, runModelCommand, trainSynthetic } from "./__fixtures__/harness.ts";
import { syntheticTickets } from "./__fixtures__/synthetic-tickets.ts";
import { inspectCommand } from "./inspect.ts";

const { local } = await pickOtaiLocal();
const dir = mkdtempSync(join(tmpdir(), "otai-inspect-"));
const model = join(dir, "tickets.model");
const inspect = (argv: string[]) => runModelCommand(inspectCommand, argv, { local });

describe("otai inspect", () => {
  before(() => trainSynthetic(local, dir, model, ["--label", "queue", "--tags", "tag_", "--seed", "7"]));

  it("shows the id, the training data per head, tags, held-out metrics and hyperparameters", async () => {
    const { meta } = await local.loadModel(model);
    const run = await inspect(["--model", model]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(`^model ${meta.id} \\(.*tickets\\.model, [\\d.]+ KiB, format otai-local-model v1\\)`),
    );
    assert.match(
      run.stdout,
      new RegExp(`created ${meta.createdAt}, seed 7, trained on ${syntheticTickets(0).length} examples`),
    );
    // The counts are the training rows per queue, as the model recorded them.
    const queues = syntheticTickets(0).map((t) => t.queue);
    for (const queue of new Set(queues)) {
      assert.match(run.stdout, new RegExp(`queue: 3 labels: .*${queue} ${queues.filter((q) => q === queue).length}`));
    }
    assert.match(run.stdout, /tags: \d+: .*invoice/);
    assert.match(run.stdout, /held-out metrics:\n {2}queue: examples \d+, accuracy \d\.\d{3}/);
    assert.match(run.stdout, /hyperparameters: .*nbPower 0\.75/);
  });

  it("--json prints the metadata the model file carries, plus its size", async () => {
    const run = await inspect(["--model", model, "--json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.io.stdout.length, 1);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    const { meta } = await local.loadModel(model);
    const { fileBytes, ...rest } = json;
    assert.equal(fileBytes, statSync(model).size);
    assert.deepEqual(rest, JSON.parse(JSON.stringify(meta)));
  });

  it("refuses a broken or missing file with the model error, and a missing --model", async () => {
    const broken = join(dir, "broken.model");
    writeFileSync(broken, "OTAILOCM but not really");
    for (const path of [broken, join(dir, "missing.model")]) {
      const run = await inspect(["--model", path]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /OTAI_MODEL_INVALID/);
    }
    const none = await inspect([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /--model MODEL is required/);
  });
});
