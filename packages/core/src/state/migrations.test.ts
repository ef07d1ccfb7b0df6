import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isOtaiError } from "../errors.ts";
import { decision, tempDir } from "./_test-support.ts";
import { applyMigrations, MIGRATIONS, schemaVersion } from "./migrations.ts";
import { loadSqlite } from "./sqlite-module.ts";
import { createSqliteStateStore } from "./sqlite-store.ts";

const { DatabaseSync } = loadSqlite();

function appliedVersions(path: string): number[] {
  const db = new DatabaseSync(path);
  try {
    return db
      .prepare("SELECT version FROM schema_migrations ORDER BY version")
      .all()
      .map((row) => Number(row.version));
  } finally {
    db.close();
  }
}

describe("migrations", () => {
  it("are numbered 1, 2, … without gaps", () => {
    assert.deepEqual(
      MIGRATIONS.map((migration) => migration.version),
      MIGRATIONS.map((_, index) => index + 1),
    );
  });

  it("a new database gets every migration, once", () => {
    const db = new DatabaseSync(":memory:");
    assert.deepEqual(
      applyMigrations(db, ":memory:"),
      MIGRATIONS.map((migration) => migration.version),
    );
    assert.deepEqual(applyMigrations(db, ":memory:"), []);
    assert.equal(schemaVersion(db), MIGRATIONS.length);
    db.close();
  });

  it("upgrades a database that has only migration 1, keeping its data", async () => {
    const path = join(tempDir(), "old.sqlite");
    const old = new DatabaseSync(path);
    assert.deepEqual(applyMigrations(old, path, MIGRATIONS.slice(0, 1)), [1]);
    old.exec(
      `INSERT INTO ledger (system, ticket_id, pipeline, status, decided_version, attempts, updated_at)
       VALUES ('zendesk', '42', 'p', 'done', 'v1', 0, 1)`,
    );
    old.exec(
      `INSERT INTO decisions (decision_id, system, ticket_id, field, outcome, reason, mode, at)
       VALUES ('d1', 'zendesk', '42', 'queue', 'applied', 'old', 'live', '2026-01-01T00:00:00Z')`,
    );
    // Version 1 had no append-only triggers yet.
    old.exec("UPDATE decisions SET reason = 'before upgrade'");
    old.close();

    const store = createSqliteStateStore({ path });
    assert.deepEqual(appliedVersions(path), [1, 2]);
    assert.equal(await store.isProcessed({ system: "zendesk", ticketId: "42", pipeline: "p" }, "v1"), true);
    assert.equal((await store.decisions())[0]?.reason, "before upgrade");
    await store.appendDecisions([decision({ decisionId: "d2" })]);
    await store.close();

    const raw = new DatabaseSync(path);
    assert.throws(() => raw.exec("UPDATE decisions SET reason = 'after upgrade'"), /append-only/);
    raw.close();
  });

  it("refuses a database written by a newer OTAI, and leaves it untouched", () => {
    const path = join(tempDir(), "newer.sqlite");
    createSqliteStateStore({ path }).close();
    const raw = new DatabaseSync(path);
    raw.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (99, '2030-01-01T00:00:00Z')");
    raw.close();
    assert.throws(
      () => createSqliteStateStore({ path }),
      (error) =>
        isOtaiError(error, "OTAI_STATE_STORE") &&
        !error.retryable &&
        error.message.includes(path) &&
        error.message.includes("schema version 99") &&
        /newer OTAI/.test(error.message),
    );
    assert.deepEqual(appliedVersions(path), [...MIGRATIONS.map((migration) => migration.version), 99]);
  });

  it("a failing migration rolls back entirely", () => {
    const db = new DatabaseSync(":memory:");
    const broken = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: "broken", sql: "CREATE TABLE x (a); NOT SQL" },
    ];
    assert.throws(() => applyMigrations(db, ":memory:", broken), /syntax error/);
    assert.equal(schemaVersion(db), 0, "not even the good migrations stay");
    assert.equal(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name IN ('ledger', 'x')").get()?.n, 0);
    db.close();
  });
});
