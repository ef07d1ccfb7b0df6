/**
 * @module state/migrations
 * The sqlite schema as an ordered list of numbered migrations. `schema_migrations` records which
 * ones a database has; opening a store applies the missing ones in one transaction, and refuses a
 * database written by a newer OTAI rather than guess at a schema it does not know.
 */
import type { DatabaseSync } from "node:sqlite";
import { OtaiError } from "../errors.ts";
import { inTransaction } from "./sqlite-transaction.ts";

/** One schema step. Never edit a released one: add the next number instead. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "ledger and decision log",
    sql: `
      CREATE TABLE ledger (
        system          TEXT    NOT NULL,
        ticket_id       TEXT    NOT NULL,
        pipeline        TEXT    NOT NULL,
        status          TEXT    NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'dead')),
        decided_version TEXT,
        written_version TEXT,
        decision_id     TEXT,
        changes         TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        last_error      TEXT,
        updated_at      INTEGER NOT NULL,
        PRIMARY KEY (system, ticket_id, pipeline)
      ) WITHOUT ROWID;
      CREATE INDEX ledger_by_status ON ledger (status, system, updated_at);

      CREATE TABLE decisions (
        seq            INTEGER PRIMARY KEY AUTOINCREMENT,
        decision_id    TEXT    NOT NULL,
        system         TEXT    NOT NULL,
        ticket_id      TEXT    NOT NULL,
        ticket_version TEXT,
        field          TEXT    NOT NULL,
        predicted      TEXT,
        value          TEXT,
        confidence     REAL,
        threshold      REAL,
        outcome        TEXT    NOT NULL
          CHECK (outcome IN ('applied', 'flagged', 'suggested', 'fallback', 'skipped', 'failed')),
        reason         TEXT    NOT NULL,
        model          TEXT,
        model_version  TEXT,
        mode           TEXT    NOT NULL CHECK (mode IN ('dry_run', 'shadow', 'suggest', 'live')),
        at             TEXT    NOT NULL
      );
      CREATE INDEX decisions_by_ticket ON decisions (system, ticket_id);
      CREATE INDEX decisions_by_decision ON decisions (decision_id);
    `,
  },
  {
    version: 2,
    name: "decision log is append-only",
    // The store has no update or delete API; the triggers also stop a hand-run sqlite3 session or a
    // future bug from rewriting the audit trail.
    sql: `
      CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
      BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
      CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
      BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
    `,
  },
];

/**
 * The highest migration a database has applied; 0 for a new database.
 *
 * @example
 * schemaVersion(db); // 2
 */
export function schemaVersion(db: DatabaseSync): number {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const row = db.prepare("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations").get();
  return Number(row?.version ?? 0);
}

/**
 * Applies the migrations `db` lacks, all in one `BEGIN IMMEDIATE` transaction, so two processes
 * opening the same new file do not both apply them, and a crash leaves the old schema intact.
 * Returns the versions applied. Throws OTAI_STATE_STORE (not retryable) for a newer database.
 *
 * @example
 * applyMigrations(db, "var/otai-state.sqlite"); // [1, 2] on a new file, [] after
 */
export function applyMigrations(
  db: DatabaseSync,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = Date.now,
): number[] {
  const known = migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
  return inTransaction(db, () => {
    const current = schemaVersion(db);
    if (current > known) {
      throw new OtaiError(
        "OTAI_STATE_STORE",
        `state database ${file} has schema version ${current}, but this OTAI knows versions up to ${known}: ` +
          "it was written by a newer OTAI. Upgrade OTAI, or point the state store at another file.",
        { retryable: false, details: { file, version: current, known } },
      );
    }
    const missing = migrations.filter((migration) => migration.version > current).sort((a, b) => a.version - b.version);
    const record = db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
    for (const migration of missing) {
      db.exec(migration.sql);
      record.run(migration.version, new Date(now()).toISOString());
    }
    return missing.map((migration) => migration.version);
  });
}
