/**
 * @module bench/classify/run-fasttext
 * Child process for the fastText peer: `node run-fasttext.ts --dir SPLIT_DIR --task TASK --out OUT.json`.
 * Drives the Debian `fasttext` CLI (0.9.2) with the notes' recipe; the parent pins this process to one core,
 * and the CLI inherits the pinning. Peak RSS is the CLI's own (from `/usr/bin/time -f %M`), not this driver's.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ChildResult, childArgs, type PredictionTuple, readSplitFile } from "./child-result.ts";
import type { TaskName } from "./datasets.ts";
import { fastTextText } from "./fasttext-text.ts";
import { fastTextArgs } from "./recipes.ts";
import { EXTRA_SPLITS } from "./write-split.ts";

const TIME = "/usr/bin/time";
// The test set is repeated up to this many lines for timing, so a short test set is not lost in the noise
// of process start and model load, which are measured on an empty input and subtracted.
const TIMING_LINES = 10_000;
const TIMING_RUNS = 3;

const { dir, task, out } = childArgs(process.argv);
const work = join(dir, "fasttext");
mkdirSync(work, { recursive: true });
let peakKib: number | null = existsSync(TIME) ? 0 : null;

/** Runs the CLI (under /usr/bin/time when it exists), returns its wall and CPU seconds and stdout. */
function fasttext(args: string[]): { seconds: number; cpuSeconds: number | undefined; stdout: string } {
  const rssFile = join(work, "rss.txt");
  const [cmd, argv] =
    peakKib === null ? ["fasttext", args] : [TIME, ["-f", "%M %U %S", "-o", rssFile, "fasttext", ...args]];
  const started = performance.now();
  const run = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`fasttext ${args[0]} exited ${run.status}: ${run.stderr.slice(-2000)}`);
  if (peakKib === null) return { seconds, cpuSeconds: undefined, stdout: run.stdout };
  const [rss = 0, user = 0, system = 0] = (readFileSync(rssFile, "utf8").trim().split("\n").at(-1) ?? "")
    .split(" ")
    .map(Number);
  peakKib = Math.max(peakKib, rss);
  return { seconds, cpuSeconds: user + system, stdout: run.stdout };
}

const train = readSplitFile(dir, "train") ?? [];
const test = readSplitFile(dir, "test") ?? [];
// fastText labels cannot hold spaces ("Technical Support"), so the CLI sees label indices.
const labels = [...new Set(train.map((e) => e.label))];
const index = new Map(labels.map((label, i) => [label, i]));

function writeInput(name: string, texts: readonly string[]): string {
  const path = join(work, `${name}.txt`);
  writeFileSync(path, texts.map(fastTextText).join("\n") + (texts.length ? "\n" : ""));
  return path;
}

function parse(stdout: string, n: number): PredictionTuple[] {
  const lines = stdout.split("\n").slice(0, n);
  if (lines.length !== n) throw new Error(`fasttext gave ${lines.length} predictions for ${n} texts`);
  return lines.map((line) => {
    const [tag = "", prob = "0"] = line.split(" ");
    return [labels[Number(tag.replace("__label__", ""))] ?? "", Number(prob)];
  });
}

function predict(name: string, texts: readonly string[]): PredictionTuple[] {
  return parse(fasttext(["predict-prob", join(work, "model.bin"), writeInput(name, texts), "1"]).stdout, texts.length);
}

const trainStarted = performance.now();
const trainPath = join(work, "train.txt");
writeFileSync(trainPath, train.map((e) => `__label__${index.get(e.label)} ${fastTextText(e.text)}\n`).join(""));
const prepSeconds = (performance.now() - trainStarted) / 1000;
const fit = fasttext([
  "supervised",
  "-input",
  trainPath,
  "-output",
  join(work, "model"),
  ...fastTextArgs(task as TaskName),
]);

const predictions: ChildResult["predictions"] = {
  test: predict(
    "test",
    test.map((e) => e.text),
  ),
};

const repeats = Math.max(1, Math.ceil(TIMING_LINES / Math.max(1, test.length)));
const timingTexts = Array.from({ length: repeats }, () => test.map((e) => e.text)).flat();
const prepStarted = performance.now();
const timingPath = writeInput("timing", timingTexts);
const prepTiming = (performance.now() - prepStarted) / 1000;
const emptyPath = writeInput("empty", []);
let full = Number.POSITIVE_INFINITY;
let empty = Number.POSITIVE_INFINITY;
for (let run = 0; run < TIMING_RUNS; run++) {
  full = Math.min(full, fasttext(["predict-prob", join(work, "model.bin"), timingPath, "1"]).seconds);
  empty = Math.min(empty, fasttext(["predict-prob", join(work, "model.bin"), emptyPath, "1"]).seconds);
}
const predictSeconds = Math.max(1e-9, full - empty) + prepTiming;

for (const name of EXTRA_SPLITS) {
  const rows = readSplitFile(dir, name);
  if (rows)
    predictions[name] = predict(
      name,
      rows.map((e) => e.text),
    );
}

const result: ChildResult = {
  predictions,
  train_s: fit.seconds + prepSeconds,
  ...(fit.cpuSeconds === undefined ? {} : { train_cpu_s: fit.cpuSeconds + prepSeconds }),
  predict_per_s: timingTexts.length / predictSeconds,
  peak_rss_mb: peakKib === null ? null : peakKib / 1024,
};
writeFileSync(out, JSON.stringify(result));
