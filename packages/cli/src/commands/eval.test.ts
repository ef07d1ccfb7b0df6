import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { pickOtaiLocal, runModelCommand } from "./__fixtures__/harness.ts";
import { syntheticTickets, writeCsv, writeJsonl } from "./__fixtures__/synthetic-tickets.ts";
import { evalCommand } from "./eval.ts";
import { trainCommand } from "./train.ts";

const { local } = await pickOtaiLocal();
const dir = mkdtempSync(join(tmpdir(), "otai-eval-"));
const model = join(dir, "queue.model");
const testData = writeJsonl(dir, "test.jsonl", syntheticTickets(1));
const evaluate = (argv: string[]) => runModelCommand(evalCommand, argv, { local });

const isNumber = (value: unknown) => typeof value === "number" && Number.isFinite(value);

describe("otai eval", () => {
  before(async () => {
    const data = writeCsv(dir, "train.csv", syntheticTickets(0));
    const run = await runModelCommand(
      trainCommand,
      ["--data", data, "--text", "subject,body", "--label", "queue", "--label", "priority", "--out", model],
      { local },
    );
    assert.equal(run.code, 0, run.stderr);
  });

  it("--json prints exactly one object with every metric, typed as documented", async () => {
    const run = await evaluate([
      "--model",
      model,
      "--data",
      testData,
      "--text",
      "subject,body",
      "--label",
      "queue=queue.name",
      "--json",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.io.stdout.length, 1);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json).sort(), [
      "accuracy",
      "confusion",
      "coverage_at_precision_95",
      "head",
      "macro_f1",
      "model",
      "n",
      "per_class",
      "reliability",
      "thresholds",
    ]);
    assert.equal(json.model, (await local.loadModel(model)).meta.id);
    assert.equal(json.head, "queue");
    assert.equal(json.n, syntheticTickets(1).length);
    for (const key of ["accuracy", "macro_f1", "coverage_at_precision_95"]) {
      assert.ok(isNumber(json[key]) && (json[key] as number) >= 0 && (json[key] as number) <= 1, key);
    }
    const perClass = json.per_class as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(perClass).sort(), ["Billing", "IT", "Sales"]);
    for (const metrics of Object.values(perClass)) {
      assert.deepEqual(Object.keys(metrics).sort(), ["f1", "precision", "recall", "support"]);
      assert.ok(Object.values(metrics).every(isNumber));
    }
    const confusion = json.confusion as { labels: string[]; matrix: number[][] };
    assert.equal(confusion.matrix.length, confusion.labels.length);
    assert.ok(confusion.matrix.every((row) => row.length === confusion.labels.length && row.every(Number.isInteger)));
    assert.equal(
      confusion.matrix.flat().reduce((a, b) => a + b, 0),
      json.n,
    );
    const thresholds = json.thresholds as { threshold: number; accuracy: number; coverage: number }[];
    assert.deepEqual(
      thresholds.map((row) => row.threshold),
      [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95],
    );
    assert.ok(thresholds.every((row) => isNumber(row.accuracy) && isNumber(row.coverage)));
    const reliability = json.reliability as { bins: Record<string, unknown>[]; ece: unknown };
    assert.equal(reliability.bins.length, 10);
    assert.ok(isNumber(reliability.ece));
    assert.deepEqual(Object.keys(reliability.bins[0] ?? {}).sort(), ["accuracy", "confidence", "count", "hi", "lo"]);
    // The synthetic queues are separable by their words: anything that learns at all gets most right.
    assert.ok((json.accuracy as number) >= 0.8, `accuracy ${json.accuracy}`);
  });

  it("prints a readable summary and writes the HTML report", async () => {
    const report = join(dir, "report.html");
    const run = await evaluate([
      "--model",
      model,
      "--data",
      testData,
      "--text",
      "subject,body",
      "--label",
      "priority.name",
      "--head",
      "priority",
      "--report",
      report,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /head priority, data .*test\.jsonl \(24 of 24 rows\)/);
    assert.match(run.stdout, /accuracy +\d\.\d{3}/);
    assert.match(run.stdout, /macro-F1 +\d\.\d{3}/);
    assert.match(run.stdout, /coverage at 95% precision +\d+\.\d%/);
    assert.match(run.stdout, /threshold {2}accuracy {2}coverage\n( +0\.\d\d .*\n){9} +0\.95/);
    assert.match(run.stdout, /worst classes +precision +recall +F1 +support/);
    assert.match(run.stderr, /wrote .*report\.html/);
    const html = readFileSync(report, "utf8");
    assert.match(html, /<h1>priority model evaluation<\/h1>/);
    assert.equal((html.match(/<svg /g) ?? []).length, 2);
  });

  it("counts gold labels the model never saw as errors and lists them", async () => {
    const tickets = syntheticTickets(1).map((t, i) => (i < 3 ? { ...t, queue: "Legal <dept>" } : t));
    const data = writeCsv(dir, "unseen.csv", tickets);
    const run = await evaluate([
      "--model",
      model,
      "--data",
      data,
      "--text",
      "subject,body",
      "--label",
      "queue",
      "--json",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      /3 row\(s\) have labels the model was never trained on, counted as errors: "Legal <dept>" \(3\)/,
    );
    const json = JSON.parse(run.stdout) as {
      per_class: Record<string, { recall: number; support: number }>;
      accuracy: number;
    };
    assert.deepEqual(json.per_class["Legal <dept>"], { precision: 0, recall: 0, f1: 0, support: 3 });
    assert.ok(json.accuracy <= 21 / 24);
  });

  it("refuses a label that maps to no head of the model, naming the heads", async () => {
    const data = writeCsv(dir, "team.csv", syntheticTickets(1));
    writeFileSync(data, readFileSync(data, "utf8").replace("queue,", "team,"));
    const run = await evaluate(["--model", model, "--data", data, "--text", "subject", "--label", "team"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /the model has no head 'team' \(heads: queue, priority\); choose one with --head/);
    const chosen = await evaluate([
      "--model",
      model,
      "--data",
      data,
      "--text",
      "subject",
      "--label",
      "team",
      "--head",
      "queue",
      "--json",
    ]);
    assert.equal(chosen.code, 0, chosen.stderr);
  });

  it("reports a missing or broken model file with the model error's exit code", async () => {
    const broken = join(dir, "broken.model");
    writeFileSync(broken, "not a model");
    for (const path of [broken, join(dir, "missing.model")]) {
      const run = await evaluate(["--model", path, "--data", testData, "--text", "subject", "--label", "queue.name"]);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /OTAI_MODEL_INVALID/);
    }
  });
});
