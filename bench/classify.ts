/**
 * `npm run bench:classify [-- --tasks a,b --models x,y --json]`: our local model (otai-local) against
 * fastText, TF-IDF + LinearSVC and TF-IDF + LogisticRegression on Tobi-Bueck (queue, priority, type),
 * BANKING77 and CLINC150, on the same fixed splits (bench/classify/datasets.ts), in the same run.
 *
 * Every model trains and predicts in its own child process pinned to core 0 with one BLAS/OpenMP thread,
 * trains on train and is scored on test only, with the same metric code. The peers use the tuned recipes of
 * /work/shared/notes/classifier-peers.md and are installed with apt-get when missing. Splits and models live
 * in a temp directory that is removed at the end: nothing is written into the repository, and no model
 * trained on the Tobi data (CC BY-NC) is kept.
 *
 * With `--cv K` it scores every model on K folds of the rows that are not test instead (bench/classify/cross-validation.ts).
 *
 * Progress goes to stderr; stdout holds the Markdown table and, with `--json`, one JSON line per model × task.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errorMessage, isOtaiError } from "@otai/core";
import type { ScoredPrediction } from "../packages/classifier-local/src/eval/index.ts";
import { parseBenchOptions } from "./classify/cli-options.ts";
import { cvSplits, formatCvTable } from "./classify/cross-validation.ts";
import { loadTask, type Split, type TaskName } from "./classify/datasets.ts";
import { ensurePeers, type PeerAvailability, peerAvailability } from "./classify/install-peers.ts";
import { describeMachine, machine } from "./classify/machine.ts";
import { childCommand, type ModelName, REQUIRES } from "./classify/models.ts";
import { comparePaired, formatPairedTable, type PairedComparison, RESAMPLES } from "./classify/paired-bootstrap.ts";
import { type BenchRow, formatTable, jsonLine, type SkippedRow } from "./classify/results-table.ts";
import { runPinned } from "./classify/run-pinned.ts";
import { scored, scoreResult } from "./classify/score-result.ts";
import { writeSplit } from "./classify/write-split.ts";

const log = (line: string) => process.stderr.write(`${line}\n`);

let options: ReturnType<typeof parseBenchOptions>;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  log(errorMessage(error));
  process.exit(isOtaiError(error) ? error.exitCode : 1);
}

/** otai-local is being written alongside: it counts as ready once its entry exports `trainModel`. */
async function localReady(): Promise<string | null> {
  try {
    const module = (await import("otai-local")) as { trainModel?: unknown };
    return typeof module.trainModel === "function" ? null : "otai-local does not export trainModel yet";
  } catch (error) {
    return `otai-local cannot be loaded (${errorMessage(error).split("\n")[0]})`;
  }
}

const needsPeers = options.models.some((m) => REQUIRES[m] !== "otai-local");
const peers: PeerAvailability = needsPeers ? ensurePeers(log) : peerAvailability();
const localMissing = options.models.includes("otai-local") ? await localReady() : null;
const why = (model: ModelName): string | null => {
  const needs = REQUIRES[model];
  if (needs === "otai-local") return localMissing;
  return peers[needs] ? null : `${needs === "sklearn" ? "python3-sklearn" : "fasttext"} is not installed`;
};

const started = performance.now();
const temp = mkdtempSync(join(tmpdir(), "otai-bench-classify-"));
const cleanUp = () => rmSync(temp, { recursive: true, force: true });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

const rows: (BenchRow | SkippedRow)[] = [];
const thresholds: string[] = [];
// CPU time over wall time of each fit: about 1 on an idle core, lower when other work shared core 0.
const cpuShares: number[] = [];
// --cv: every fold's row per task and model.
const cvRows = new Map<TaskName, Map<ModelName, BenchRow[]>>();
// Test mode, for the paired bootstrap: every model's test predictions per task.
const testPredictions = new Map<TaskName, Map<ModelName, ScoredPrediction[]>>();
// The comparisons of the tasks run so far (computed as each task ends).
const comparisons: PairedComparison[] = [];

/** Trains and scores one model on one split written to `dir`; a failure becomes a skipped row. */
async function runModel(model: ModelName, task: TaskName, split: Split, dir: string): Promise<BenchRow | SkippedRow> {
  const reason = why(model);
  if (reason !== null) {
    log(`  ${model}: not run (${reason})`);
    return { model, task, skipped: reason };
  }
  const out = join(dir, `${model}.json`);
  const { command, args } = childCommand(model, task, dir, out);
  const t0 = performance.now();
  try {
    const result = await runPinned(command, args, out, log);
    const row = scoreResult(model, task, split, result);
    if (options.cv === null) {
      const byModel = testPredictions.get(task) ?? new Map();
      byModel.set(model, scored(result.predictions.test, split.test.length, "test"));
      testPredictions.set(task, byModel);
    }
    if (result.train_cpu_s !== undefined && result.train_s > 0) cpuShares.push(result.train_cpu_s / result.train_s);
    const { oos_threshold, ...benchRow } = row;
    if (oos_threshold !== null) thresholds.push(`${model} ${oos_threshold.toPrecision(4)}`);
    log(
      `  ${model}: accuracy ${(100 * row.accuracy).toFixed(2)}%, macro-F1 ${row.macro_f1.toFixed(3)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    return benchRow;
  } catch (error) {
    log(`  ${model}: FAILED (${errorMessage(error)})`);
    return { model, task, skipped: `failed: ${errorMessage(error).slice(0, 80)}` };
  } finally {
    rmSync(join(dir, "fasttext"), { recursive: true, force: true });
  }
}

try {
  for (const task of options.tasks) {
    const split = loadTask(task);
    const dir = join(temp, task);
    if (options.cv !== null) {
      const byModel = new Map<ModelName, BenchRow[]>(options.models.map((m) => [m, []]));
      cvRows.set(task, byModel);
      for (const [f, fold] of cvSplits(task, split, options.cv).entries()) {
        const foldDir = join(dir, `fold-${f}`);
        writeSplit(fold, foldDir);
        log(`${task} fold ${f + 1}/${options.cv}: train ${fold.train.length}, test ${fold.test.length} (none of test)`);
        for (const model of options.models) {
          const row = await runModel(model, task, fold, foldDir);
          if ("skipped" in row) rows.push(row);
          else byModel.get(model)?.push(row);
        }
        rmSync(foldDir, { recursive: true, force: true });
      }
      continue;
    }
    writeSplit(split, dir);
    log(
      `${task}: train ${split.train.length}, test ${split.test.length}${split.oosTest ? `, oos_test ${split.oosTest.length}` : ""}`,
    );
    for (const model of options.models) rows.push(await runModel(model, task, split, dir));
    const scoredRows = rows.filter((r): r is BenchRow => r.task === task && !("skipped" in r));
    const gold = split.test.map((e) => e.label);
    comparisons.push(...comparePaired(task, gold, testPredictions.get(task) ?? new Map(), scoredRows));
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  cleanUp();
}

const minutes = (performance.now() - started) / 60_000;
console.log(`Text classification on one core: otai-local vs fastText and scikit-learn, same splits, same run`);
console.log(`Machine: ${describeMachine(machine())}`);
if (options.cv !== null) {
  console.log(
    `${options.cv}-fold cross-validation on the rows that are not test (Tobi train + validation, BANKING77 train, CLINC150 train + validation; ` +
      "folds by FNV-1a-32 of the text); mean ± standard deviation over the folds. The test split is not used. " +
      "Coverage = share of a fold answered, most confident first, at >= 95% precision.",
  );
} else {
  console.log(
    "Train on train, score on test. Coverage = share of test answered, most confident first, at >= 95% precision. " +
      "OOS recall (CLINC150): share of oos_test below the top-score threshold chosen on in-scope val (at most 1 point of val accuracy lost).",
  );
  if (thresholds.length > 0) console.log(`CLINC150 thresholds: ${thresholds.join(", ")}`);
}
if (cpuShares.length > 0) {
  const mean = cpuShares.reduce((a, b) => a + b, 0) / cpuShares.length;
  console.log(
    `Core 0 during training: the fits got ${(100 * mean).toFixed(0)}% of it on average (lowest ${(100 * Math.min(...cpuShares)).toFixed(0)}%; CPU s / wall s). Below ~95%, other work shared the core and train s / predictions/s are pessimistic.`,
  );
}
console.log(`Total wall time: ${minutes.toFixed(1)} min\n`);
if (options.cv !== null) {
  console.log(formatCvTable(cvRows));
  for (const row of rows) if ("skipped" in row) console.log(`${row.task} ${row.model}: not run (${row.skipped})`);
} else {
  console.log(formatTable(rows));
  if (comparisons.length > 0) {
    console.log(
      `\notai-local minus the best peer of each metric on test, with a paired bootstrap over the test items (${RESAMPLES} resamples, seed 1): ` +
        "an interval that spans 0 means this test split cannot tell the two apart.\n",
    );
    console.log(formatPairedTable(comparisons));
  }
}
if (options.json) {
  console.log("");
  for (const row of rows) if (!("skipped" in row)) console.log(jsonLine(row));
}
if (rows.some((r) => "skipped" in r && r.skipped.startsWith("failed"))) process.exitCode = 1;
