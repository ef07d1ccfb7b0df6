/**
 * @module state/types
 * The state store contract: the processed-ticket ledger (with write intents, attempts, backoff and
 * dead letter) and the append-only decision log. Free of sqlite types on purpose, so a PostgreSQL
 * store can implement the same interface; every method returns a Promise for the same reason.
 */

/**
 * Where a ticket stands for one pipeline.
 * - `pending`: an intent is open: a write was planned and may or may not have reached the help desk.
 * - `done`: processed at `decidedVersion` (and, after a write, `writtenVersion`).
 * - `failed`: the last attempt failed; retried after `nextAttemptAt`.
 * - `dead`: failed `maxAttempts` times; not retried until {@link StateStore.release}.
 */
export type TicketStatus = "pending" | "done" | "failed" | "dead";

/** One ticket of one help desk, as seen by one pipeline (a changed pipeline config processes tickets anew). */
export interface LedgerKey {
  system: string;
  ticketId: string;
  /** Hash of the pipeline config, see `pipelineHash`. */
  pipeline: string;
}

/** The ledger row of one {@link LedgerKey}. */
export interface LedgerEntry extends LedgerKey {
  status: TicketStatus;
  /** Ticket version (updated_at or revision) the last decision, or failed attempt, was made on. */
  decidedVersion: string | null;
  /** Ticket version right after our write, when the help desk told us. */
  writtenVersion: string | null;
  /** Of the open intent, or of the last completed one. */
  decisionId: string | null;
  /**
   * The planned changes of an unresolved intent; `null` once it completed. Still set on a `failed` or
   * `dead` entry whose write failed after {@link StateStore.beginIntent}: that write may have landed
   * (a timeout, a 5xx), so look for the marker of `decisionId` before writing anew.
   */
  changes: unknown | null;
  attempts: number;
  /** Epoch ms before which no new attempt should run; `null` when due at once (or dead). */
  nextAttemptAt: number | null;
  lastError: string | null;
  /** Epoch ms of the last change to this row. */
  updatedAt: number;
}

/** What became of one field's prediction. */
export type DecisionOutcome = "applied" | "flagged" | "suggested" | "fallback" | "skipped" | "failed";

/** One entry of the append-only decision log: a single field of a single ticket. */
export interface DecisionRecord {
  decisionId: string;
  system: string;
  ticketId: string;
  ticketVersion: string | null;
  /** queue | priority | type | tags | a custom field name */
  field: string;
  /** The model's label. */
  predicted: string | null;
  /** The help-desk value the label maps to, which was (or would have been) written. */
  value: string | null;
  confidence: number | null;
  threshold: number | null;
  outcome: DecisionOutcome;
  reason: string;
  model: string | null;
  modelVersion: string | null;
  mode: "dry_run" | "shadow" | "suggest" | "live";
  /** ISO time. */
  at: string;
}

/** Backoff for {@link StateStore.recordFailure}: `base * 2^(attempts-1)` ms, capped at `max`. */
export interface BackoffMs {
  base: number;
  max: number;
}

/** A failed attempt, for {@link StateStore.recordFailure}. */
export interface AttemptFailure {
  /** The ticket version the attempt was made on. */
  version: string | null;
  /** A short message; never ticket text or secrets. */
  error: string;
  /** The ticket moves to dead letter when its attempts reach this number. */
  maxAttempts: number;
  backoffMs: BackoffMs;
  /** Epoch ms; defaults to the store's clock. */
  now?: number;
}

/** The result of {@link StateStore.recordFailure}. */
export interface AttemptOutcome {
  attempts: number;
  dead: boolean;
  /** `null` when dead. */
  nextAttemptAt: number | null;
}

/** Filter for {@link StateStore.decisions}. */
export interface DecisionFilter {
  system?: string;
  ticketId?: string;
  decisionId?: string;
  /** The newest `limit` records (still returned oldest first). */
  limit?: number;
}

/**
 * Durable bookkeeping for exactly-once help-desk writes: (1) {@link beginIntent} before writing,
 * (2) the write carries the decision id (`markerTag`), (3) {@link completeIntent} after it succeeded,
 * (4) on start, {@link openIntents} lists the writes to verify against the help desk.
 *
 * @example
 * const store = createSqliteStateStore({ path: "var/otai-state.sqlite" });
 * const key = { system: "zendesk", ticketId: "42", pipeline: pipelineHash(pipelineConfig) };
 * if (!(await store.isProcessed(key, ticket.updatedAt)) && (await store.isDue(key))) {
 *   const decisionId = newDecisionId();
 *   await store.beginIntent(key, { decisionId, version: ticket.updatedAt, changes });
 *   const written = await zendesk.update(key.ticketId, { ...changes, addTags: [markerTag(decisionId)] });
 *   await store.completeIntent(key, { decisionId, writtenVersion: written.updatedAt });
 * }
 */
export interface StateStore {
  /** True when this ticket at this version needs no processing: done with decidedVersion or writtenVersion equal to `version`, or dead at that version. */
  isProcessed(key: LedgerKey, version: string | null): Promise<boolean>;
  get(key: LedgerKey): Promise<LedgerEntry | undefined>;
  /** Whether an attempt may run now (not dead; nextAttemptAt passed). A ticket never seen is due. */
  isDue(key: LedgerKey, now?: number): Promise<boolean>;
  /**
   * Records the planned write (status `pending`), replacing any earlier intent. Attempts so far are
   * kept, so a write that keeps failing still ends in dead letter. It does not check {@link isDue}:
   * the caller does, and must check an earlier unresolved intent's marker before replacing it.
   */
  beginIntent(key: LedgerKey, intent: { decisionId: string; version: string | null; changes: unknown }): Promise<void>;
  /**
   * Status `done`, attempts 0, clears `changes`. Rejects (OTAI_STATE_STORE, not retryable) when the
   * entry's intent has another decision id: a stale process must not complete a newer intent.
   * Completing the same decision twice is a no-op.
   */
  completeIntent(key: LedgerKey, result: { decisionId: string; writtenVersion: string | null }): Promise<void>;
  /** A ticket that needed no write (e.g. shadow, or nothing to change) is recorded as done at `version`. */
  markDone(key: LedgerKey, version: string | null): Promise<void>;
  /** Counts the attempt; dead when attempts reach `maxAttempts`, else due again after the backoff. */
  recordFailure(key: LedgerKey, failure: AttemptFailure): Promise<AttemptOutcome>;
  /** Entries with status `pending`, oldest first. */
  openIntents(filter?: { system?: string; pipeline?: string }): Promise<LedgerEntry[]>;
  /** Entries with status `dead`, oldest first. */
  deadLetters(filter?: { system?: string }): Promise<LedgerEntry[]>;
  /** Clears dead/failed state so the ticket is tried again (`otai` admin command later). False when the ticket was neither. */
  release(key: LedgerKey): Promise<boolean>;
  /** Appends all records in one transaction: all or none. */
  appendDecisions(records: readonly DecisionRecord[]): Promise<void>;
  /** Oldest first. */
  decisions(filter?: DecisionFilter): Promise<DecisionRecord[]>;
  /** Counts for metrics reconciliation and the demo summary. */
  decisionCounts(): Promise<{ field: string; outcome: DecisionOutcome; count: number }[]>;
  ledgerCounts(): Promise<Record<TicketStatus, number>>;
  /** Health for /readyz: the database answers a trivial query. */
  ping(): Promise<boolean>;
  /** Idempotent; later calls other than `ping` and `close` reject with OTAI_STATE_STORE. */
  close(): Promise<void>;
}
