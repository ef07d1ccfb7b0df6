/**
 * @module data/read-records
 * The rows of a CSV or JSONL file as plain objects, each with the line it starts on, streamed so
 * files of a few hundred megabytes do not have to fit in memory twice.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { errorMessage, OtaiError } from "@otai/core";
import { parse } from "csv-parse";
import type { DataFormat } from "./data-format.ts";
import { isObject } from "./dotted-path.ts";

/** One row: its fields (CSV: header → string; JSONL: the parsed object) and its first line. */
export interface DataRecord {
  line: number;
  value: Record<string, unknown>;
}

/**
 * Streams the records of `file`. For CSV, `onColumns` receives the header before the first record.
 *
 * @example
 * for await (const { line, value } of readRecords("tickets.csv", "csv")) console.log(line, value.subject);
 */
export async function* readRecords(
  file: string,
  format: DataFormat,
  onColumns?: (columns: readonly string[]) => void,
): AsyncGenerator<DataRecord> {
  await assertReadable(file);
  if (format === "csv") yield* readCsv(file, onColumns);
  else yield* readJsonl(file);
}

/**
 * An OTAI_DATA_INVALID error whose message starts with `file:line:` (or `file:`), as editors link them.
 *
 * @example
 * throw dataError("tickets.jsonl", 17, "not valid JSON: Unexpected token");
 */
export function dataError(file: string, line: number | undefined, message: string, cause?: unknown): OtaiError {
  return new OtaiError("OTAI_DATA_INVALID", `${file}${line === undefined ? "" : `:${line}`}: ${message}`, {
    ...(cause === undefined ? {} : { cause }),
    details: { file, ...(line === undefined ? {} : { line }) },
  });
}

async function assertReadable(file: string): Promise<void> {
  try {
    const stats = await stat(file);
    if (!stats.isFile()) throw dataError(file, undefined, "not a file");
  } catch (error) {
    if (error instanceof OtaiError) throw error;
    throw dataError(file, undefined, `cannot read: ${errorMessage(error)}`, error);
  }
}

async function* readCsv(file: string, onColumns?: (columns: readonly string[]) => void): AsyncGenerator<DataRecord> {
  const parser = parse({
    bom: true,
    info: true,
    skip_empty_lines: true,
    // Exports that mix \n and \r\n (a header written by one tool, rows by another) still parse.
    record_delimiter: ["\r\n", "\n"],
    columns: (header: string[]) => {
      const names = header.map((name) => name.trim());
      const duplicate = names.find((name, index) => names.indexOf(name) !== index);
      if (duplicate !== undefined) throw dataError(file, 1, `column '${duplicate}' appears twice in the header`);
      onColumns?.(names);
      return names;
    },
  });
  const source = createReadStream(file);
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    for await (const chunk of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      // info.lines is where the record ends; a quoted multi-line field moves its start up.
      const newlines = Object.values(chunk.record).reduce((sum, field) => sum + countNewlines(field), 0);
      yield { line: chunk.info.lines - newlines, value: chunk.record };
    }
  } catch (error) {
    if (error instanceof OtaiError) throw error;
    const line = (error as { lines?: unknown }).lines;
    throw dataError(file, typeof line === "number" ? line : undefined, errorMessage(error), error);
  } finally {
    source.destroy();
    parser.destroy();
  }
}

async function* readJsonl(file: string): AsyncGenerator<DataRecord> {
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const raw of lines) {
      line += 1;
      const text = line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
      if (text.trim() === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        // A whole JSON array (pretty-printed or not) is the usual mistake with a .json export.
        const hint =
          line === 1 && text.trimStart().startsWith("[")
            ? " (expected JSON lines: one object per line, not an array)"
            : "";
        throw dataError(file, line, `not valid JSON: ${errorMessage(error)}${hint}`, error);
      }
      if (!isObject(value)) {
        throw dataError(
          file,
          line,
          `expected one JSON object per line, got ${Array.isArray(value) ? "an array" : typeof value}`,
        );
      }
      yield { line, value };
    }
  } finally {
    lines.close();
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) count += 1;
  return count;
}
