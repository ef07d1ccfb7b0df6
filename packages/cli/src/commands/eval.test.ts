import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { pickOtaiLocal, runModelCommand, trainSynthetic } from "./__fixtures__/harness.ts";
import { syntheticTickets, writeCsv, writeJsonl } from "./__fixtures__/synthetic-tickets.ts";
import { evalCommand } from "./eval.ts";

const { local } = await pickOtaiLocal();
const dir = mkdtempSync(join(tmpdir(), "otai-eval-"));
const model = join(dir, "queue.model");
const testData = writeJsonl(dir, "test.jsonl", syntheticTickets(1));
const evaluate = (argv: string[]) => runModelCommand(evalCommand, argv, { local });

const isNumber = (value: unknown) => typeof value === "number" && Number.isFinite(value);

describe("otai eval", () => {
  before(() => trainSynthetic(local, dir, model, ["--label", "queue", "--label", "priority"]));

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

describe("otai eval --tags", () => {
  const tagModel = join(dir, "tags.model");
  before(() => trainSynthetic(local, dir, tagModel, ["--label", "queue", "--tags", "tag_"]));

  it("--json scores the tag head over (ticket, tag) pairs, typed as documented", async () => {
    // JSONL with the tags as an array: the same reader as training.
    const run = await evaluate([
      "--model",
      tagModel,
      "--data",
      testData,
      "--text",
      "subject,body",
      "--tags",
      "tags",
      "--json",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.io.stdout.length, 1);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json).sort(), [
      "head",
      "macro_f1",
      "mean_gold_tags",
      "mean_predicted_tags",
      "micro_f1",
      "micro_precision",
      "micro_recall",
      "model",
      "n",
      "per_tag",
      "subset_accuracy",
    ]);
    assert.equal(json.head, "tags");
    assert.equal(json.model, (await local.loadModel(tagModel)).meta.id);
    assert.equal(json.n, syntheticTickets(1).length);
    for (const key of ["micro_precision", "micro_recall", "micro_f1", "macro_f1", "subset_accuracy"]) {
      assert.ok(isNumber(json[key]) && (json[key] as number) >= 0 && (json[key] as number) <= 1, key);
    }
    const gold = syntheticTickets(1).flatMap((t) => t.tags);
    assert.equal(json.mean_gold_tags, gold.length / syntheticTickets(1).length);
    const perTag = json.per_tag as Record<string, Record<string, number>>;
    const learned = (await local.loadModel(tagModel)).meta.tags;
    assert.ok(
      Object.keys(perTag).every((tag) => learned.includes(tag)),
      Object.keys(perTag).join(", "),
    );
    for (const tag of new Set(gold)) assert.equal(perTag[tag]?.support, gold.filter((g) => g === tag).length, tag);
    for (const metrics of Object.values(perTag)) {
      assert.deepEqual(Object.keys(metrics).sort(), ["f1", "precision", "predicted", "recall", "support"]);
    }
    // The topic tags follow the queue's words, which held-out openers do not change.
    assert.ok((json.micro_f1 as number) >= 0.8, `micro-F1 ${json.micro_f1}`);
  });

  it("prints a readable summary, and counts tags the model never learned as misses", async () => {
    // The CSV holds two tag columns: "legal" takes the second (dropping one "vip").
    const tickets = syntheticTickets(1).map((t, i) => (i < 2 ? { ...t, tags: [t.tags[0] ?? "", "legal"] } : t));
    const data = writeCsv(dir, "unlearned-tags.csv", tickets);
    const html = join(dir, "tags.html");
    const run = await evaluate([
      "--model",
      tagModel,
      "--data",
      data,
      "--text",
      "subject,body",
      "--tags",
      "tag_",
      "--report",
      html,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /model \w+, tags, data .*unlearned-tags\.csv \(24 of 24 rows\)/);
    assert.match(run.stdout, /micro-F1 +\d\.\d{3}/);
    assert.match(run.stdout, /exact tag sets +\d\.\d{3}/);
    assert.match(
      run.stdout,
      /weakest tags +precision +recall +F1 +support +predicted\n +legal +0\.000 +0\.000 +0\.000 +2 +0/,
    );
    assert.match(run.stderr, /1 tag\(s\) in the data were not learned .*counted as misses: "legal" \(2\)/);
    // The report: the tag chart, a row per tag with its counts, and the unlearned tag.
    assert.match(run.stderr, /wrote .*tags\.html/);
    const page = readFileSync(html, "utf8");
    assert.match(page, /^<!doctype html>/);
    assert.match(page, /Found, missed and extra/);
    assert.match(
      page,
      /<tr><td>legal<\/td>(<td>0\.000<\/td>){3}<td>2<\/td><td>0<\/td><td>0<\/td><td>2<\/td><td>0<\/td><\/tr>/,
    );
    assert.match(page, /Tags the model never learned.*<td>legal<\/td><td>2<\/td>/s);
  });

  it("fails clearly, before scoring, when the report cannot be written", async () => {
    const missing = join(dir, "no-such-folder", "tags.html");
    const run = await evaluate([
      "--model",
      tagModel,
      "--data",
      testData,
      "--text",
      "subject,body",
      "--tags",
      "tags",
      "--report",
      missing,
    ]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /OTAI_OUTPUT_WRITE.*cannot write the report to .*no-such-folder.*: the folder .* does not exist/,
    );
    assert.equal(run.stdout, "", "nothing was scored");
  });

  it("refuses --tags with --label or --head, and a model without a tag head", async () => {
    const base = ["--data", testData, "--text", "subject,body", "--tags", "tags"];
    const both = await evaluate(["--model", tagModel, ...base, "--label", "queue.name"]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--label and --tags evaluate different heads: give one of them/);
    const head = await evaluate(["--model", tagModel, ...base, "--head", "queue"]);
    assert.equal(head.code, 2);
    assert.match(head.stderr, /--head picks a single-label head; leave it out with --tags/);
    const untagged = await evaluate(["--model", model, ...base]);
    assert.equal(untagged.code, 2);
    assert.match(
      untagged.stderr,
      /the model has no tag head \(it was trained without --tags\); its heads: queue, priority/,
    );
    const neither = await evaluate(["--model", model, "--data", testData, "--text", "subject"]);
    assert.equal(neither.code, 2);
    assert.match(neither.stderr, /--label \(or --tags\) is required/);
  });
});
