/**
 * @module data/data-format
 * Which reader a data file needs, from its extension unless the caller says otherwise.
 */
import { extname } from "node:path";
import { OtaiError } from "@otai/core";

export type DataFormat = "csv" | "jsonl";

const BY_EXTENSION: Record<string, DataFormat> = {
  ".csv": "csv",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  // Exports named .json are JSON lines far more often than one big array; an array fails on line 1.
  ".json": "jsonl",
};

/**
 * The format of `file`: `override` when given, otherwise by extension (.csv, .jsonl, .ndjson, .json).
 *
 * @example
 * dataFormatOf("tickets.ndjson"); // "jsonl"
 * dataFormatOf("export.txt", "csv"); // "csv"
 */
export function dataFormatOf(file: string, override?: string): DataFormat {
  const chosen = override ?? BY_EXTENSION[extname(file).toLowerCase()];
  if (chosen === "csv" || chosen === "jsonl") return chosen;
  if (override !== undefined) {
    throw new OtaiError("OTAI_USAGE", `unknown data format '${override}': use csv or jsonl`);
  }
  throw new OtaiError(
    "OTAI_DATA_INVALID",
    `${file}: cannot tell the format from the extension '${extname(file)}': name it .csv or .jsonl, or pass the format (--format csv|jsonl)`,
    { details: { file } },
  );
}
