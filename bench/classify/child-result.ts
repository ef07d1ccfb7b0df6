/**
 * @module bench/classify/child-result
 * What every model's child process writes back (one JSON file), and how the children read the split files.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SplitFile } from "./write-split.ts";

/** One prediction as `[label, confidence]`, compact because CLINC150 writes about 9,600 of them per model. */
export type PredictionTuple = [label: string, confidence: number];

export interface ChildResult {
  /** `test` always; `val`, `oos_val` and `oos_test` when the split has them (CLINC150). */
  predictions: Partial<Record<Exclude<SplitFile, "train">, PredictionTuple[]>>;
  /** Wall time of fitting, feature extraction included. */
  train_s: number;
  /** CPU time (user + system) of the same fit: against `train_s` it shows whether core 0 was shared. */
  train_cpu_s?: number;
  /** Test texts per second from raw text on one core, process start and model load excluded. */
  predict_per_s: number | null;
  /** The model process's peak resident memory. */
  peak_rss_mb: number | null;
  versions?: Record<string, string>;
}

export interface LabelledText {
  text: string;
  label: string;
}

/**
 * Reads `<dir>/<name>.jsonl`, or `undefined` when the split has no such file.
 *
 * @example
 * const train = readSplitFile("/tmp/bench/banking77", "train") ?? [];
 */
export function readSplitFile(dir: string, name: SplitFile): LabelledText[] | undefined {
  let raw: string;
  try {
    raw = readFileSync(join(dir, `${name}.jsonl`), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return raw
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as LabelledText);
}

/** The child's command-line flags: `--dir`, `--task`, `--out`. */
export function childArgs(argv: readonly string[]): { dir: string; task: string; out: string } {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    const v = i >= 0 ? argv[i + 1] : undefined;
    if (v === undefined) throw new Error(`missing ${flag}`);
    return v;
  };
  return { dir: value("--dir"), task: value("--task"), out: value("--out") };
}
