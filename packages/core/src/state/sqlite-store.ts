/**
 * @module state/sqlite-store
 * The {@link StateStore} on `node:sqlite`: one local file, no server. Every mutating call is its own
 * `BEGIN IMMEDIATE` transaction in WAL mode, so a SIGKILL at any point leaves each call either fully
 * recorded or not at all. node:sqlite is synchronous; the methods resolve at once and only return
 * Promises so that a PostgreSQL store fits the same interface.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { errorMessage, isOtaiError, OtaiError } from "../errors.ts";
import { backoffDelay } from "./backoff.ts";
import { type Durability, openStateDatabase } from "./sqlite-open.ts";
import { DECISION_COLUMNS, decisionParams, decisionRecord, ledgerEntry, real, text } from "./sqlite-rows.ts";
import { inTransaction } from "./sqlite-transaction.ts";
import type {
  AttemptFailure,
  AttemptOutcome,
  DecisionFilter,
  DecisionOutcome,
  DecisionRecord,
  LedgerEntry,
  LedgerKey,
  StateStore,
  TicketStatus,
} from "./types.ts";

/** Options of {@link createSqliteStateStore}. */
export interface SqliteStateStoreOptions {
  /** A file path (its directory is created) or ":memory:". */
  path: string;
  /** Epoch-ms clock for `updatedAt` and backoff; defaults to `Date.now`. */
  now?: () => number;
  /** How long a call waits for another process's write lock; default 5000 ms. */
  busyTimeoutMs?: number;
  /** Default "normal": survives process crashes; "full" survives power loss too. See {@link Durability}. */
  durability?: Durability;
}

const KEY = "system = ? AND ticket_id = ? AND pipeline = ?";

/**
 * Opens (and migrates) a sqlite state store. Throws OTAI_STATE_STORE naming the file when it cannot
 * be opened, or when it was written by a newer OTAI.
 *
 * @example
 * const store = createSqliteStateStore({ path: "var/otai-state.sqlite" });
 * await store.markDone({ system: "zendesk", ticketId: "42", pipeline: "3f9a0c1d2e4b5a67" }, "2026-01-05T10:00:00Z");
 * await store.close();
 */
export function createSqliteStateStore(options: SqliteStateStoreOptions): StateStore {
  const file = options.path;
  const clock = options.now ?? Date.now;
  const { db, sql } = wrap(file, "open", () => {
    const opened = openStateDatabase({
      path: file,
      busyTimeoutMs: options.busyTimeoutMs ?? 5_000,
      durability: options.durability ?? "normal",
      now: clock,
    });
    try {
      return { db: opened, sql: prepareStatements(opened) };
    } catch (error) {
      opened.close();
      throw error;
    }
  });
  let closed = false;

  function use<T>(operation: string, fn: () => T): T {
    if (closed) throw new OtaiError("OTAI_STATE_STORE", `state store ${file} is closed`, { retryable: false });
    return wrap(file, operation, fn);
  }
  function write<T>(operation: string, fn: () => T): T {
    return use(operation, () => inTransaction(db, fn));
  }
  function row(key: LedgerKey): LedgerEntry | undefined {
    const found = sql.select.get(key.system, key.ticketId, key.pipeline);
    return found === undefined ? undefined : ledgerEntry(found);
  }

  return {
    async isProcessed(key, version) {
      const entry = use("isProcessed", () => row(key));
      if (entry === undefined) return false;
      if (entry.status === "done") {
        return entry.decidedVersion === version || (entry.writtenVersion !== null && entry.writtenVersion === version);
      }
      return entry.status === "dead" && entry.decidedVersion === version;
    },

    async get(key) {
      return use("get", () => row(key));
    },

    async isDue(key, now = clock()) {
      const entry = use("isDue", () => row(key));
      if (entry === undefined) return true;
      return entry.status !== "dead" && (entry.nextAttemptAt === null || entry.nextAttemptAt <= now);
    },

    async beginIntent(key, intent) {
      write("beginIntent", () => {
        const changes = JSON.stringify(intent.changes) ?? null;
        sql.beginIntent.run(
          key.system,
          key.ticketId,
          key.pipeline,
          intent.version,
          intent.decisionId,
          changes,
          clock(),
        );
      });
    },

    async completeIntent(key, result) {
      write("completeIntent", () => {
        const entry = row(key);
        if (entry === undefined || entry.decisionId !== result.decisionId) {
          throw new OtaiError(
            "OTAI_STATE_STORE",
            `state store ${file}: ticket ${key.system}/${key.ticketId} has no intent with decision ${result.decisionId}` +
              (entry?.decisionId ? ` (its intent is ${entry.decisionId})` : ""),
            { retryable: false, details: { file, ...key, decisionId: result.decisionId } },
          );
        }
        if (entry.status === "done" && entry.changes === null) return; // completed already
        sql.completeIntent.run(result.writtenVersion, clock(), key.system, key.ticketId, key.pipeline);
      });
    },

    async markDone(key, version) {
      write("markDone", () => {
        sql.markDone.run(key.system, key.ticketId, key.pipeline, version, clock());
      });
    },

    async recordFailure(key, failure) {
      return write("recordFailure", () => recordFailure(key, failure));
    },

    async openIntents(filter = {}) {
      return use("openIntents", () =>
        // Plain `?` twice rather than `?1`: Node 22's node:sqlite binds numbered parameters wrongly.
        sql.openIntents
          .all(filter.system ?? null, filter.system ?? null, filter.pipeline ?? null, filter.pipeline ?? null)
          .map(ledgerEntry),
      );
    },

    async deadLetters(filter = {}) {
      return use("deadLetters", () =>
        sql.deadLetters.all(filter.system ?? null, filter.system ?? null).map(ledgerEntry),
      );
    },

    async release(key) {
      return write("release", () => {
        const changed = sql.release.run(clock(), key.system, key.ticketId, key.pipeline).changes;
        return Number(changed) > 0;
      });
    },

    async appendDecisions(records) {
      if (records.length === 0) return;
      write("appendDecisions", () => {
        for (const record of records) sql.appendDecision.run(...decisionParams(record));
      });
    },

    async decisions(filter = {}) {
      return use("decisions", () => selectDecisions(db, filter));
    },

    async decisionCounts() {
      return use("decisionCounts", () =>
        sql.decisionCounts.all().map((counted) => ({
          field: text(counted, "field") ?? "",
          outcome: text(counted, "outcome") as DecisionOutcome,
          count: real(counted, "count") ?? 0,
        })),
      );
    },

    async ledgerCounts() {
      return use("ledgerCounts", () => {
        const counts: Record<TicketStatus, number> = { pending: 0, done: 0, failed: 0, dead: 0 };
        for (const counted of sql.ledgerCounts.all()) {
          const status = text(counted, "status") as TicketStatus;
          counts[status] = real(counted, "count") ?? 0;
        }
        return counts;
      });
    },

    async ping() {
      if (closed) return false;
      try {
        return real(sql.ping.get() ?? {}, "ok") === 1;
      } catch {
        return false;
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      wrap(file, "close", () => db.close());
    },
  };

  function recordFailure(key: LedgerKey, failure: AttemptFailure): AttemptOutcome {
    const now = failure.now ?? clock();
    const attempts = (row(key)?.attempts ?? 0) + 1;
    const dead = attempts >= failure.maxAttempts;
    const nextAttemptAt = dead ? null : now + backoffDelay(attempts, failure.backoffMs);
    sql.recordFailure.run(
      key.system,
      key.ticketId,
      key.pipeline,
      dead ? "dead" : "failed",
      failure.version,
      attempts,
      nextAttemptAt,
      failure.error,
      now,
    );
    return { attempts, dead, nextAttemptAt };
  }
}

type Statements = Record<
  | "select"
  | "beginIntent"
  | "completeIntent"
  | "markDone"
  | "recordFailure"
  | "openIntents"
  | "deadLetters"
  | "release"
  | "appendDecision"
  | "decisionCounts"
  | "ledgerCounts"
  | "ping",
  StatementSync
>;

function prepareStatements(db: DatabaseSync): Statements {
  const insertLedger =
    "INSERT INTO ledger (system, ticket_id, pipeline, status, decided_version, written_version, decision_id, " +
    "changes, attempts, next_attempt_at, last_error, updated_at)";
  return {
    select: db.prepare(`SELECT * FROM ledger WHERE ${KEY}`),
    // Attempts, backoff and the last error survive a new intent, so a write that keeps failing still
    // ends in dead letter instead of starting over with every retry.
    beginIntent: db.prepare(
      `${insertLedger} VALUES (?, ?, ?, 'pending', ?, NULL, ?, ?, 0, NULL, NULL, ?)
       ON CONFLICT (system, ticket_id, pipeline) DO UPDATE SET
         status = 'pending', decided_version = excluded.decided_version, written_version = NULL,
         decision_id = excluded.decision_id, changes = excluded.changes, updated_at = excluded.updated_at`,
    ),
    completeIntent: db.prepare(
      `UPDATE ledger SET status = 'done', written_version = ?, changes = NULL, attempts = 0,
         next_attempt_at = NULL, last_error = NULL, updated_at = ? WHERE ${KEY}`,
    ),
    // The decision id of the last completed intent stays for the audit trail.
    markDone: db.prepare(
      `${insertLedger} VALUES (?, ?, ?, 'done', ?, NULL, NULL, NULL, 0, NULL, NULL, ?)
       ON CONFLICT (system, ticket_id, pipeline) DO UPDATE SET
         status = 'done', decided_version = excluded.decided_version, written_version = NULL, changes = NULL,
         attempts = 0, next_attempt_at = NULL, last_error = NULL, updated_at = excluded.updated_at`,
    ),
    // An unresolved intent (decision id, changes) is kept: its write may have landed before it failed.
    recordFailure: db.prepare(
      `${insertLedger} VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, ?, ?)
       ON CONFLICT (system, ticket_id, pipeline) DO UPDATE SET
         status = excluded.status, decided_version = excluded.decided_version, attempts = excluded.attempts,
         next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error,
         updated_at = excluded.updated_at`,
    ),
    openIntents: db.prepare(
      `SELECT * FROM ledger WHERE status = 'pending' AND (? IS NULL OR system = ?) AND (? IS NULL OR pipeline = ?)
       ORDER BY updated_at, system, ticket_id, pipeline`,
    ),
    deadLetters: db.prepare(
      `SELECT * FROM ledger WHERE status = 'dead' AND (? IS NULL OR system = ?)
       ORDER BY updated_at, system, ticket_id, pipeline`,
    ),
    release: db.prepare(
      `UPDATE ledger SET status = 'failed', attempts = 0, next_attempt_at = NULL, last_error = NULL, updated_at = ?
       WHERE ${KEY} AND status IN ('failed', 'dead')`,
    ),
    appendDecision: db.prepare(
      `INSERT INTO decisions (${DECISION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    decisionCounts: db.prepare(
      "SELECT field, outcome, COUNT(*) AS count FROM decisions GROUP BY field, outcome ORDER BY field, outcome",
    ),
    ledgerCounts: db.prepare("SELECT status, COUNT(*) AS count FROM ledger GROUP BY status"),
    ping: db.prepare("SELECT 1 AS ok"),
  };
}

function selectDecisions(db: DatabaseSync, filter: DecisionFilter): DecisionRecord[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  for (const [column, value] of [
    ["system", filter.system],
    ["ticket_id", filter.ticketId],
    ["decision_id", filter.decisionId],
  ] as const) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  let query = `SELECT * FROM decisions${where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""}`;
  if (filter.limit !== undefined) {
    // The newest `limit` records, still handed back oldest first.
    query = `SELECT * FROM (${query} ORDER BY seq DESC LIMIT ?)`;
    params.push(Math.max(0, Math.floor(filter.limit)));
  }
  return db
    .prepare(`${query} ORDER BY seq`)
    .all(...params)
    .map(decisionRecord);
}

/** Runs `fn`, turning anything but an OtaiError into OTAI_STATE_STORE naming the file. */
function wrap<T>(file: string, operation: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (isOtaiError(error)) throw error;
    const sqlite = error as { errcode?: unknown; errstr?: unknown };
    throw new OtaiError("OTAI_STATE_STORE", `state store ${file}: ${operation} failed: ${errorMessage(error)}`, {
      cause: error,
      details: { file, operation, ...(typeof sqlite.errcode === "number" ? { sqliteCode: sqlite.errcode } : {}) },
    });
  }
}
