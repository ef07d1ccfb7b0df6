/**
 * @module data/read-examples
 * Training and evaluation examples from a CSV or JSONL file: text from one or more columns, one label
 * per head, optional tags. Nothing is dropped silently: skipped rows are counted by reason, with the
 * first few line numbers, so the summary can say what was left out and where.
 */
import { OtaiError } from "@otai/core";
import { type LabelColumn, parseLabelColumn } from "./column-spec.ts";
import { type DataFormat, dataFormatOf } from "./data-format.ts";
import { isObject, leafPaths, valueAt } from "./dotted-path.ts";
import { dataError, readRecords } from "./read-records.ts";

export interface ReadExamplesOptions {
  /** Columns joined with a space into the text; missing or empty ones are left out. */
  text: readonly string[];
  /** One head per entry: a dotted path (head = its last segment), `head=path`, or a parsed column. */
  labels: readonly (string | LabelColumn)[];
  /** CSV: every column whose name starts with this; JSONL: the array at this path (else prefixed keys). */
  tags?: string | undefined;
  /**
   * Keep a row whose tags are present but empty (CSV: all tag cells empty; JSONL: `[]`) as an example with
   * no tags, even with no label: evaluating the tag head needs the tickets that should get none.
   * Off by default, where such a row counts as having no label.
   */
  keepUntagged?: boolean | undefined;
  /** Overrides the format the extension implies. */
  format?: string | undefined;
}

/** One row as an example. Structurally a `TrainingExample`, plus the line it came from. */
export interface DataExample {
  text: string;
  /** Head → label; a head whose column is empty in this row is absent. */
  labels: Record<string, string>;
  tags?: string[];
  line: number;
}

export type SkipReason = "empty_text" | "no_label";

export interface DataReadResult {
  file: string;
  format: DataFormat;
  heads: string[];
  examples: DataExample[];
  /** Data rows read (blank lines not counted). */
  rows: number;
  /** Rows left out entirely, by reason. */
  skipped: Record<SkipReason, number>;
  /** Per head: rows kept or skipped whose label for that head was empty. */
  missingLabel: Record<string, number>;
  /** Readable one-line summaries of everything above that was not used, empty when all rows were. */
  warnings: string[];
}

const SAMPLE_LINES = 5;

/**
 * Reads examples from `file`.
 *
 * @example
 * const data = await readExamples("tickets.jsonl", { text: ["subject", "body"], labels: ["queue=queue.name"], tags: "tags" });
 * for (const warning of data.warnings) console.error(warning);
 * await trainModel(data.examples);
 */
export async function readExamples(file: string, options: ReadExamplesOptions): Promise<DataReadResult> {
  const format = dataFormatOf(file, options.format);
  const labels = options.labels.map((spec) => (typeof spec === "string" ? parseLabelColumn(spec) : spec));
  const heads = labels.map((column) => column.head);
  const repeated = heads.find((head, index) => heads.indexOf(head) !== index);
  if (repeated !== undefined) {
    throw new OtaiError("OTAI_USAGE", `two label columns train the head '${repeated}': rename one with HEAD=COLUMN`);
  }
  const tags = options.tags;
  const wanted = [...options.text, ...labels.map((column) => column.path)];

  let header: readonly string[] | undefined;
  let tagColumns: string[] = [];
  const onColumns = (columns: readonly string[]) => {
    header = columns;
    const missing = wanted.find((path) => !columns.includes(path));
    if (missing !== undefined) throw noColumn(file, missing, columns);
    if (tags !== undefined) {
      tagColumns = columns.filter((column) => column.startsWith(tags));
      if (tagColumns.length === 0) throw noColumn(file, `${tags}*`, columns);
    }
  };

  const seen = new Set<string>();
  const sampleColumns = new Set<string>();
  const examples: DataExample[] = [];
  const skipped: Record<SkipReason, number> = { empty_text: 0, no_label: 0 };
  const skippedLines: Record<SkipReason, number[]> = { empty_text: [], no_label: [] };
  const missingLabel: Record<string, number> = Object.fromEntries(heads.map((head) => [head, 0]));
  let rows = 0;

  const skip = (reason: SkipReason, line: number) => {
    skipped[reason] += 1;
    if (skippedLines[reason].length < SAMPLE_LINES) skippedLines[reason].push(line);
  };

  for await (const { line, value } of readRecords(file, format, onColumns)) {
    rows += 1;
    if (header === undefined) {
      if (rows <= 100) for (const path of leafPaths(value)) sampleColumns.add(path);
      for (const path of wanted) if (!seen.has(path) && valueAt(value, path) !== undefined) seen.add(path);
    }
    const cell = (path: string) => cellText(value, path, file, line);
    const text = options.text
      .map(cell)
      .filter((part) => part !== "")
      .join(" ");
    const rowLabels: Record<string, string> = {};
    for (const column of labels) {
      const label = cell(column.path);
      if (label === "") missingLabel[column.head] = (missingLabel[column.head] ?? 0) + 1;
      else rowLabels[column.head] = label;
    }
    const rowTags = tags === undefined ? undefined : tagsOf(value, tags, header === undefined ? undefined : tagColumns);
    if (header === undefined && tags !== undefined && rowTags?.present) seen.add(`${tags}*`);
    if (text === "") {
      skip("empty_text", line);
      continue;
    }
    const tagged = (rowTags?.values.length ?? 0) > 0 || (options.keepUntagged === true && rowTags?.present === true);
    if (Object.keys(rowLabels).length === 0 && !tagged) {
      skip("no_label", line);
      continue;
    }
    examples.push({ text, labels: rowLabels, ...(rowTags ? { tags: rowTags.values } : {}), line });
  }

  if (rows === 0) throw dataError(file, undefined, "no data rows");
  if (header === undefined) {
    const columns = [...sampleColumns];
    const missing = [...wanted, ...(tags === undefined ? [] : [`${tags}*`])].find((path) => !seen.has(path));
    if (missing !== undefined) throw noColumn(file, missing, columns);
  }
  if (skipped.empty_text === rows) {
    throw dataError(file, undefined, `every row has empty text (columns: ${options.text.join(", ")})`);
  }
  for (const column of labels) {
    if (missingLabel[column.head] === rows) {
      throw dataError(file, undefined, `column '${column.path}' is empty in every row`);
    }
  }

  const warnings: string[] = [];
  const lines = (reason: SkipReason) =>
    `line${skipped[reason] === 1 ? "" : "s"} ${skippedLines[reason].join(", ")}${skipped[reason] > SAMPLE_LINES ? ", …" : ""}`;
  if (skipped.empty_text > 0) {
    warnings.push(`${file}: skipped ${rows_(skipped.empty_text)} with empty text (${lines("empty_text")})`);
  }
  if (skipped.no_label > 0) {
    warnings.push(`${file}: skipped ${rows_(skipped.no_label)} with no label (${lines("no_label")})`);
  }
  for (const column of labels) {
    const count = missingLabel[column.head] ?? 0;
    if (count > 0 && labels.length > 1) {
      warnings.push(`${file}: ${rows_(count)} with empty '${column.path}' do not train the head '${column.head}'`);
    }
  }
  return { file, format, heads, examples, rows, skipped, missingLabel, warnings };
}

function rows_(count: number): string {
  return `${count} row${count === 1 ? "" : "s"}`;
}

function noColumn(file: string, column: string, columns: readonly string[]): OtaiError {
  const shown = columns.length > 12 ? [...columns.slice(0, 12), "…"] : columns;
  return dataError(file, undefined, `no column '${column}' (columns: ${shown.join(", ") || "none"})`);
}

// Help-desk exports often hold entities ({id, name}); their name is what a person would call the label.
function cellText(record: Record<string, unknown>, path: string, file: string, line: number): string {
  const value = valueAt(record, path);
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (isObject(value) && typeof value.name === "string") return value.name.trim();
  throw dataError(
    file,
    line,
    `column '${path}' holds ${Array.isArray(value) ? "a list" : "an object"}, not a value${isObject(value) ? `: name a field inside it, e.g. '${path}.${Object.keys(value)[0] ?? "name"}'` : ""}`,
  );
}

function tagsOf(
  record: Record<string, unknown>,
  prefix: string,
  columns: readonly string[] | undefined,
): { values: string[]; present: boolean } {
  const list = columns === undefined ? valueAt(record, prefix) : undefined;
  const raw: unknown[] = Array.isArray(list)
    ? list
    : (columns ?? Object.keys(record).filter((key) => key.startsWith(prefix))).map((key) => record[key]);
  const present = Array.isArray(list) || raw.length > 0;
  const values = new Set<string>();
  for (const item of raw) {
    const tag = typeof item === "string" || typeof item === "number" ? String(item).trim() : "";
    if (tag !== "") values.add(tag);
  }
  return { values: [...values], present };
}
