/**
 * @module bench/classify/datasets
 * The benchmark's datasets and their fixed splits, read from `../shared/datasets/` (see each SOURCE.md).
 * Nothing here is shipped: the Tobi-Bueck tickets are CC BY-NC and are used only to measure.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "csv-parse/sync";

export interface Example {
  text: string;
  label: string;
  /** Other columns that some tasks use (Tobi: queue, priority, type, language, tags). */
  extra?: Record<string, string | string[]>;
}

export interface Split {
  train: Example[];
  val: Example[];
  test: Example[];
  /** CLINC150 only: out-of-scope queries for choosing the threshold and for measuring recall. */
  oosVal?: Example[];
  oosTest?: Example[];
}

export type TaskName = "tobi-queue" | "tobi-priority" | "tobi-type" | "banking77" | "clinc150";
export const TASKS: readonly TaskName[] = ["tobi-queue", "tobi-priority", "tobi-type", "banking77", "clinc150"];

/** `../shared/datasets` beside the repository, or `OTAI_DATASETS`. */
export function datasetsDir(): string {
  return process.env.OTAI_DATASETS ?? resolve(import.meta.dirname, "../../../shared/datasets");
}

/** FNV-1a-32 of the UTF-8 bytes, as SOURCE.md defines it. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(text, "utf8")) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  return parse(readFileSync(path), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Row[];
}

/** Tobi-Bueck v3: input is subject + " " + body, never `answer`; split by FNV bucket (0 test, 1 val, 2–9 train). */
export function loadTobi(head: "queue" | "priority" | "type"): Split {
  const rows = readCsv(resolve(datasetsDir(), "tobi-bueck-support-tickets/dataset-tickets-multi-lang3-4k.csv"));
  const split: Split = { train: [], val: [], test: [] };
  for (const row of rows) {
    const subject = row.subject ?? "";
    const body = row.body ?? "";
    const bucket = fnv1a32(`${norm(subject)}\n${norm(body)}`) % 10;
    const tags = Object.keys(row)
      .filter((k) => k.startsWith("tag_"))
      .map((k) => row[k] ?? "")
      .filter((t) => t !== "");
    const example: Example = {
      text: `${subject} ${body}`.trim(),
      label: row[head] ?? "",
      extra: {
        queue: row.queue ?? "",
        priority: row.priority ?? "",
        type: row.type ?? "",
        language: row.language ?? "",
        tags,
      },
    };
    (bucket === 0 ? split.test : bucket === 1 ? split.val : split.train).push(example);
  }
  return split;
}

/** BANKING77: the official train/test; validation is the train rows with FNV-1a-32(text) % 10 == 0. */
export function loadBanking77(): Split {
  const dir = resolve(datasetsDir(), "banking77");
  const toExample = (row: Row): Example => ({ text: row.text ?? "", label: row.category ?? "" });
  const all = readCsv(resolve(dir, "train.csv")).map(toExample);
  return {
    // The final fit uses all of train (classifier-peers.md); `val` is carved out for tuning only.
    train: all,
    val: all.filter((e) => fnv1a32(e.text) % 10 === 0),
    test: readCsv(resolve(dir, "test.csv")).map(toExample),
  };
}

/** CLINC150 "full": official train/val/test of in-scope intents, plus oos_val and oos_test. */
export function loadClinc150(): Split {
  const data = JSON.parse(readFileSync(resolve(datasetsDir(), "clinc150/data_full.json"), "utf8")) as Record<
    string,
    [string, string][]
  >;
  const toExamples = (key: string) => (data[key] ?? []).map(([text, label]) => ({ text, label }));
  return {
    train: toExamples("train"),
    val: toExamples("val"),
    test: toExamples("test"),
    oosVal: toExamples("oos_val"),
    oosTest: toExamples("oos_test"),
  };
}

export function loadTask(task: TaskName): Split {
  switch (task) {
    case "tobi-queue":
      return loadTobi("queue");
    case "tobi-priority":
      return loadTobi("priority");
    case "tobi-type":
      return loadTobi("type");
    case "banking77":
      return loadBanking77();
    case "clinc150":
      return loadClinc150();
  }
}
