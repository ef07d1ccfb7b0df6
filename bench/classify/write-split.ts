/**
 * @module bench/classify/write-split
 * Writes one task's split as JSON lines into a temp directory, the one format every child reads.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Example, Split } from "./datasets.ts";

/** The files a child predicts besides `test`: only CLINC150 needs them, to choose its OOS threshold. */
export const EXTRA_SPLITS = ["val", "oos_val", "oos_test"] as const;
export type SplitFile = "train" | "test" | (typeof EXTRA_SPLITS)[number];

const toJsonl = (examples: readonly Example[]) =>
  examples.map((e) => JSON.stringify({ text: e.text, label: e.label })).join("\n") + (examples.length ? "\n" : "");

/**
 * Writes `train.jsonl` and `test.jsonl`, plus `val`, `oos_val` and `oos_test` when the split has out-of-scope rows.
 *
 * @example
 * writeSplit(loadTask("banking77"), "/tmp/bench/banking77"); // → ["train", "test"]
 */
export function writeSplit(split: Split, dir: string): SplitFile[] {
  mkdirSync(dir, { recursive: true });
  const files: [SplitFile, readonly Example[]][] = [
    ["train", split.train],
    ["test", split.test],
  ];
  if (split.oosTest) {
    files.push(["val", split.val], ["oos_val", split.oosVal ?? []], ["oos_test", split.oosTest]);
  }
  for (const [name, examples] of files) writeFileSync(join(dir, `${name}.jsonl`), toJsonl(examples));
  return files.map(([name]) => name);
}
