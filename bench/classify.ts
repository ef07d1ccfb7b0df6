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
 * Progress goes to stderr; stdout holds the Markdown table and, with `--json`, one JSON line per model × task.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errorMessage, isOtaiError } from "@otai/core";
import { parseBenchOptions } from "./classify/cli-options.ts";
import { loadTask } from "./classify/datasets.ts";
import { ensurePeers, type PeerAvailability, peerAvailability } from "./classify/install-peers.ts";
import { describeMachine, machine } from "./classify/machine.ts";
import { childCommand, type ModelName, REQUIRES } from "./classify/models.ts";
import { type BenchRow, formatTable, jsonLine, type SkippedRow } from "./classify/results-table.ts";
import { runPinned } from "./classify/run-pinned.ts";
import { scoreResult } from "./classify/score-result.ts";
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
try {
  for (const task of options.tasks) {
    const split = loadTask(task);
    const dir = join(temp, task);
    writeSplit(split, dir);
    log(
      `${task}: train ${split.train.length}, test ${split.test.length}${split.oosTest ? `, oos_test ${split.oosTest.length}` : ""}`,
    );
    for (const model of options.models) {
      const reason = why(model);
      if (reason !== null) {
        log(`  ${model}: not run (${reason})`);
        rows.push({ model, task, skipped: reason });
        continue;
      }
      const out = join(dir, `${model}.json`);
      const { command, args } = childCommand(model, task, dir, out);
      const t0 = performance.now();
      try {
        const result = await runPinned(command, args, out, log);
        const row = scoreResult(model, task, split, result);
        if (result.train_cpu_s !== undefined && result.train_s > 0) cpuShares.push(result.train_cpu_s / result.train_s);
        const { oos_threshold, ...benchRow } = row;
        rows.push(benchRow);
        if (oos_threshold !== null) thresholds.push(`${model} ${oos_threshold.toPrecision(4)}`);
        log(
          `  ${model}: accuracy ${(100 * row.accuracy).toFixed(2)}%, macro-F1 ${row.macro_f1.toFixed(3)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
        );
      } catch (error) {
        log(`  ${model}: FAILED (${errorMessage(error)})`);
        rows.push({ model, task, skipped: `failed: ${errorMessage(error).slice(0, 80)}` });
      } finally {
        rmSync(join(dir, "fasttext"), { recursive: true, force: true });
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  cleanUp();
}

const minutes = (performance.now() - started) / 60_000;
console.log(`Text classification on one core: otai-local vs fastText and scikit-learn, same splits, same run`);
console.log(`Machine: ${describeMachine(machine())}`);
console.log(
  "Train on train, score on test. Coverage = share of test answered, most confident first, at >= 95% precision. " +
    "OOS recall (CLINC150): share of oos_test below the top-score threshold chosen on in-scope val (at most 1 point of val accuracy lost).",
);
if (thresholds.length > 0) console.log(`CLINC150 thresholds: ${thresholds.join(", ")}`);
if (cpuShares.length > 0) {
  const mean = cpuShares.reduce((a, b) => a + b, 0) / cpuShares.length;
  console.log(
    `Core 0 during training: the fits got ${(100 * mean).toFixed(0)}% of it on average (lowest ${(100 * Math.min(...cpuShares)).toFixed(0)}%; CPU s / wall s). Below ~95%, other work shared the core and train s / predictions/s are pessimistic.`,
  );
}
console.log(`Total wall time: ${minutes.toFixed(1)} min\n`);
console.log(formatTable(rows));
if (options.json) {
  console.log("");
  for (const row of rows) if (!("skipped" in row)) console.log(jsonLine(row));
}
if (rows.some((r) => "skipped" in r && r.skipped.startsWith("failed"))) process.exitCode = 1;
