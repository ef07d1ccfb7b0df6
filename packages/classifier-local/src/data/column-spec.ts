/**
 * @module data/column-spec
 * How the command line names columns: `--text subject,body` and `--label queue=queue.name`.
 */
import { OtaiError } from "@otai/core";

/** A label column and the head it trains: `queue.name` → head `name`; `queue=queue.name` → head `queue`. */
export interface LabelColumn {
  head: string;
  path: string;
}

/**
 * Parses `--label`: a dotted path, optionally `head=path` to name the head.
 *
 * @example
 * parseLabelColumn("queue=queue.name"); // { head: "queue", path: "queue.name" }
 * parseLabelColumn("priority.name"); // { head: "name", path: "priority.name" }
 */
export function parseLabelColumn(spec: string): LabelColumn {
  const equals = spec.indexOf("=");
  const head = (equals === -1 ? (spec.split(".").at(-1) ?? "") : spec.slice(0, equals)).trim();
  const path = (equals === -1 ? spec : spec.slice(equals + 1)).trim();
  if (head === "" || path === "") {
    throw new OtaiError("OTAI_USAGE", `label column '${spec}' must be COLUMN or HEAD=COLUMN, e.g. queue=queue.name`);
  }
  return { head, path };
}

/**
 * Parses `--text`: comma-separated columns (repeating the option adds more).
 *
 * @example
 * parseTextColumns(["subject,body"]); // ["subject", "body"]
 */
export function parseTextColumns(specs: string | readonly string[]): string[] {
  const columns = (typeof specs === "string" ? [specs] : specs)
    .flatMap((spec) => spec.split(","))
    .map((column) => column.trim())
    .filter((column) => column !== "");
  if (columns.length === 0)
    throw new OtaiError("OTAI_USAGE", "name at least one text column, e.g. --text subject,body");
  return columns;
}
