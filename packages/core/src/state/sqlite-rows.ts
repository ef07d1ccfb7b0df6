/**
 * @module state/sqlite-rows
 * Conversions between sqlite rows and the store's types. Columns are read defensively (a value of an
 * unexpected type becomes `null`); status, outcome and mode are trusted because CHECK constraints
 * in the schema admit only the known values.
 */
import type { DecisionOutcome, DecisionRecord, LedgerEntry, TicketStatus } from "./types.ts";

type Row = Record<string, unknown>;

/**
 * A text column, or `null`.
 *
 * @example
 * text({ a: "x" }, "a"); // "x"
 */
export function text(row: Row, column: string): string | null {
  const value = row[column];
  return typeof value === "string" ? value : null;
}

/**
 * A numeric column, or `null`.
 *
 * @example
 * real({ a: 0.5 }, "a"); // 0.5
 */
export function real(row: Row, column: string): number | null {
  const value = row[column];
  if (typeof value === "number") return value;
  return typeof value === "bigint" ? Number(value) : null;
}

/**
 * A ledger row as a {@link LedgerEntry}.
 *
 * @example
 * const entry = ledgerEntry(select.get("zendesk", "42", "p1"));
 */
export function ledgerEntry(row: Row): LedgerEntry {
  const changes = text(row, "changes");
  return {
    system: text(row, "system") ?? "",
    ticketId: text(row, "ticket_id") ?? "",
    pipeline: text(row, "pipeline") ?? "",
    status: text(row, "status") as TicketStatus,
    decidedVersion: text(row, "decided_version"),
    writtenVersion: text(row, "written_version"),
    decisionId: text(row, "decision_id"),
    changes: changes === null ? null : JSON.parse(changes),
    attempts: real(row, "attempts") ?? 0,
    nextAttemptAt: real(row, "next_attempt_at"),
    lastError: text(row, "last_error"),
    updatedAt: real(row, "updated_at") ?? 0,
  };
}

/**
 * A decision row as a {@link DecisionRecord}.
 *
 * @example
 * const records = select.all().map(decisionRecord);
 */
export function decisionRecord(row: Row): DecisionRecord {
  return {
    decisionId: text(row, "decision_id") ?? "",
    system: text(row, "system") ?? "",
    ticketId: text(row, "ticket_id") ?? "",
    ticketVersion: text(row, "ticket_version"),
    field: text(row, "field") ?? "",
    predicted: text(row, "predicted"),
    value: text(row, "value"),
    confidence: real(row, "confidence"),
    threshold: real(row, "threshold"),
    outcome: text(row, "outcome") as DecisionOutcome,
    reason: text(row, "reason") ?? "",
    model: text(row, "model"),
    modelVersion: text(row, "model_version"),
    mode: text(row, "mode") as DecisionRecord["mode"],
    at: text(row, "at") ?? "",
  };
}

/**
 * The insert parameters of a {@link DecisionRecord}, in the column order of `DECISION_COLUMNS`.
 *
 * @example
 * insert.run(...decisionParams(record));
 */
export function decisionParams(record: DecisionRecord): (string | number | null)[] {
  // `?? null`: a caller in plain JavaScript may leave a nullable field undefined, which sqlite cannot bind.
  return [
    record.decisionId,
    record.system,
    record.ticketId,
    record.ticketVersion ?? null,
    record.field,
    record.predicted ?? null,
    record.value ?? null,
    record.confidence ?? null,
    record.threshold ?? null,
    record.outcome,
    record.reason,
    record.model ?? null,
    record.modelVersion ?? null,
    record.mode,
    record.at,
  ];
}

/** The decision columns `decisionParams` fills, in order. */
export const DECISION_COLUMNS =
  "decision_id, system, ticket_id, ticket_version, field, predicted, value, confidence, threshold, outcome, reason, model, model_version, mode, at";
