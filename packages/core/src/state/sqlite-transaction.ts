/**
 * @module state/sqlite-transaction
 * The one way the sqlite store writes: `BEGIN IMMEDIATE … COMMIT`.
 */
import type { DatabaseSync } from "node:sqlite";

/**
 * Runs `fn` in a `BEGIN IMMEDIATE` transaction. IMMEDIATE takes the write lock up front (waiting up
 * to the busy timeout), so a read-modify-write cannot fail half-way with SQLITE_BUSY when a second
 * process (a restart while the old one is dying) writes the same file. Rolls back when `fn` throws.
 *
 * @example
 * inTransaction(db, () => insert.run("zendesk", "42"));
 */
export function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = fn();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    try {
      db.exec("ROLLBACK");
    } catch {
      // SQLite already rolled back on its own (e.g. after SQLITE_FULL); the first error is the one to report.
    }
    throw error;
  }
}
