/**
 * @module bench/classify/recipes
 * The peers' tuned hyper-parameters, copied from /work/shared/notes/classifier-peers.md (chosen there on the
 * validation splits). They are fixed here on purpose: the benchmark never tunes anything on test.
 */
import type { TaskName } from "./datasets.ts";

/** fastText CLI `supervised` arguments per task (besides -input/-output). */
export function fastTextArgs(task: TaskName): string[] {
  const shared = ["-wordNgrams", "2", "-dim", "100", "-bucket", "200000", "-minCount", "1", "-loss", "softmax"];
  const perTask =
    task === "banking77" || task === "clinc150"
      ? ["-minn", "3", "-maxn", "5", "-epoch", "50"]
      : ["-minn", "0", "-maxn", "0", "-epoch", task === "tobi-priority" ? "25" : "50"];
  return [...shared, "-lr", "0.5", "-thread", "1", ...perTask];
}

export interface SklearnRecipe {
  /** LinearSVC's C. */
  svcC: number;
  /** LogisticRegression's C (liblinear, one-vs-rest, tol 1e-3). */
  logregC: number;
  /** liblinear's dual form: on for the long Tobi tickets, off for the short-text sets. */
  logregDual: boolean;
}

export const SKLEARN_RECIPES: Readonly<Record<TaskName, SklearnRecipe>> = {
  "tobi-queue": { svcC: 10, logregC: 300, logregDual: true },
  "tobi-priority": { svcC: 1, logregC: 100, logregDual: true },
  "tobi-type": { svcC: 3, logregC: 30, logregDual: true },
  banking77: { svcC: 1, logregC: 30, logregDual: false },
  clinc150: { svcC: 3, logregC: 100, logregDual: false },
};
