/**
 * @module state
 * The state store: processed-ticket ledger with write intents, attempts, backoff and dead letter,
 * and the append-only decision log. Files prefixed `_` stay internal.
 */
export { backoffDelay } from "./backoff.ts";
export { markerTag, newDecisionId } from "./decision-id.ts";
export { applyMigrations, MIGRATIONS, type Migration } from "./migrations.ts";
export { canonicalJson, pipelineHash } from "./pipeline-hash.ts";
export type { Durability } from "./sqlite-open.ts";
export { createSqliteStateStore, type SqliteStateStoreOptions } from "./sqlite-store.ts";
export type {
  AttemptFailure,
  AttemptOutcome,
  BackoffMs,
  DecisionFilter,
  DecisionOutcome,
  DecisionRecord,
  LedgerEntry,
  LedgerKey,
  StateStore,
  TicketStatus,
} from "./types.ts";
