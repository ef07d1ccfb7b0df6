/**
 * @module bench/classify/cli-options
 * `npm run bench:classify -- [--tasks a,b] [--models x,y] [--json] [--cv K]`.
 */
import { OtaiError } from "@otai/core";
import { TASKS, type TaskName } from "./datasets.ts";
import { MODELS, type ModelName } from "./models.ts";

export interface BenchOptions {
  tasks: TaskName[];
  models: ModelName[];
  json: boolean;
  /** Folds of the cross-validation on the non-test rows (`--cv K`), instead of the test split; null: test. */
  cv: number | null;
}

function list<T extends string>(argv: readonly string[], flag: string, all: readonly T[]): T[] {
  const i = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (i < 0) return [...all];
  const arg = argv[i] ?? "";
  const raw = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[i + 1];
  if (raw === undefined || raw.startsWith("--"))
    throw new OtaiError("OTAI_USAGE", `${flag} needs a comma-separated list`);
  const names = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(all as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new OtaiError(
      "OTAI_USAGE",
      `${flag}: unknown ${unknown.join(", ") || "(empty)"}; choose from ${all.join(", ")}`,
    );
  }
  // Keep the canonical order so tables from partial runs line up with the full one.
  return all.filter((n) => names.includes(n));
}

/**
 * Parses the benchmark's flags; every task and model by default.
 *
 * @example
 * parseBenchOptions(["--tasks", "banking77", "--json"]) // → { tasks: ["banking77"], models: [all four], json: true }
 */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const known = /^--(tasks|models|cv)(=|$)|^--json$/;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!known.test(arg)) throw new OtaiError("OTAI_USAGE", `unknown argument ${arg}`);
    if (arg === "--tasks" || arg === "--models" || arg === "--cv") i++;
  }
  const json = argv.includes("--json");
  const cv = folds(argv);
  // The JSON line's keys (train_s, predict_per_s, ...) describe one fit on train scored on test, not a fold mean.
  if (json && cv !== null) throw new OtaiError("OTAI_USAGE", "--json reports the test split; leave it out with --cv");
  return { tasks: list(argv, "--tasks", TASKS), models: list(argv, "--models", MODELS), json, cv };
}

function folds(argv: readonly string[]): number | null {
  const i = argv.findIndex((a) => a === "--cv" || a.startsWith("--cv="));
  if (i < 0) return null;
  const arg = argv[i] ?? "";
  const raw = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : (argv[i + 1] ?? "");
  const k = Number(raw);
  if (!/^\d+$/.test(raw) || k < 2 || k > 20)
    throw new OtaiError("OTAI_USAGE", `--cv needs a number of folds from 2 to 20, got '${raw}'`);
  return k;
}
