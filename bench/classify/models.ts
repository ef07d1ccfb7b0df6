/**
 * @module bench/classify/models
 * The four models compared, and the child command that trains and evaluates each on one task's split.
 */
import { join } from "node:path";
import type { TaskName } from "./datasets.ts";
import { type PeerAvailability, PYTHON } from "./install-peers.ts";
import { SKLEARN_RECIPES } from "./recipes.ts";

export type ModelName = "otai-local" | "fasttext" | "tfidf-linearsvc" | "tfidf-logreg";
export const MODELS: readonly ModelName[] = ["otai-local", "fasttext", "tfidf-linearsvc", "tfidf-logreg"];

/** What each model needs installed: our package, or one of the peers. */
export const REQUIRES: Readonly<Record<ModelName, keyof PeerAvailability | "otai-local">> = {
  "otai-local": "otai-local",
  fasttext: "fasttext",
  "tfidf-linearsvc": "sklearn",
  "tfidf-logreg": "sklearn",
};

/**
 * The command (run pinned to one core) that fits `model` on `<dir>/train.jsonl` and writes its result to `out`.
 *
 * @example
 * childCommand("tfidf-logreg", "banking77", "/tmp/b/banking77", "/tmp/b/out.json")
 * // → { command: "/usr/bin/python3", args: [".../peers_sklearn.py", "--model", "logreg", …, "--c", "30", "--dual", "false"] }
 */
export function childCommand(
  model: ModelName,
  task: TaskName,
  dir: string,
  out: string,
): { command: string; args: string[] } {
  const here = import.meta.dirname;
  const common = ["--dir", dir, "--out", out];
  switch (model) {
    case "otai-local":
      return { command: process.execPath, args: [join(here, "run-local.ts"), ...common, "--task", task] };
    case "fasttext":
      return { command: process.execPath, args: [join(here, "run-fasttext.ts"), ...common, "--task", task] };
    case "tfidf-linearsvc":
    case "tfidf-logreg": {
      const recipe = SKLEARN_RECIPES[task];
      const svc = model === "tfidf-linearsvc";
      return {
        command: PYTHON,
        args: [
          join(here, "peers_sklearn.py"),
          ...common,
          "--model",
          svc ? "svc" : "logreg",
          "--c",
          String(svc ? recipe.svcC : recipe.logregC),
          "--dual",
          String(svc || recipe.logregDual),
        ],
      };
    }
  }
}
