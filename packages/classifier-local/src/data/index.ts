/**
 * @module data
 * Reading labelled tickets from CSV and JSONL files for `otai train` and `otai eval`.
 */
export { type LabelColumn, parseLabelColumn, parseTextColumns } from "./column-spec.ts";
export { type DataFormat, dataFormatOf } from "./data-format.ts";
export { leafPaths, valueAt } from "./dotted-path.ts";
export {
  type DataExample,
  type DataReadResult,
  type ReadExamplesOptions,
  readExamples,
  type SkipReason,
} from "./read-examples.ts";
export { type DataRecord, readRecords } from "./read-records.ts";
export { readTicketHistory, type TicketHistory, type TicketHistoryOptions, ticketExample } from "./ticket-history.ts";
