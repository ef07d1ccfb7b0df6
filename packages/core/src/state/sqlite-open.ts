/**
 * @module state/sqlite-open
 * Opens the state database with the settings the exactly-once design relies on, then migrates it.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { applyMigrations } from "./migrations.ts";
import { loadSqlite } from "./sqlite-module.ts";

/**
 * How hard a commit is pushed to disk.
 *
 * - `"normal"` (default): WAL with `synchronous = NORMAL`. A commit is complete once it is written
 *   into the WAL file, i.e. handed to the operating system; it is fsynced only at checkpoints. A
 *   SIGKILL, OOM kill or crash of the process cannot lose it, because the kernel's page cache
 *   outlives the process. Only a power loss or kernel crash can drop the last commits (the database
 *   still stays consistent): the ledger may then forget a write that reached the help desk, and the
 *   ticket is processed again unless the engine notices the `otai-` marker already on it.
 * - `"full"`: `synchronous = FULL`, an fsync of the WAL on every commit: survives power loss too,
 *   at the price of one fsync per ledger update (about a millisecond on SSDs, far more on network disks).
 */
export type Durability = "normal" | "full";

/** Settings for {@link openStateDatabase}. */
export interface OpenOptions {
  path: string;
  busyTimeoutMs: number;
  durability: Durability;
  now: () => number;
}

/**
 * Opens (creating the parent directory) and migrates the database; closes it again when any step fails.
 *
 * @example
 * const db = openStateDatabase({ path: "var/state.sqlite", busyTimeoutMs: 5_000, durability: "normal", now: Date.now });
 */
export function openStateDatabase(options: OpenOptions): DatabaseSync {
  const { DatabaseSync } = loadSqlite();
  if (!isMemory(options.path)) mkdirSync(dirname(resolve(options.path)), { recursive: true });
  const db = new DatabaseSync(options.path);
  try {
    // First, so that the pragmas and migrations below already wait for another process's lock.
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    // WAL: readers never block the writer, and a commit is one append to the WAL file.
    db.exec("PRAGMA journal_mode = WAL");
    db.exec(`PRAGMA synchronous = ${options.durability === "full" ? "FULL" : "NORMAL"}`);
    applyMigrations(db, options.path, undefined, options.now);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isMemory(path: string): boolean {
  return path === ":memory:" || path === "" || path.startsWith("file::memory:");
}
