/**
 * @module state/sqlite-module
 * Loads `node:sqlite` on first use. Node 22 (and some 23/24 builds) print "ExperimentalWarning:
 * SQLite is an experimental feature" when the module loads; that line would alarm operators on every
 * start, so exactly that warning is dropped while the module loads, and nothing else is touched.
 */
import { createRequire } from "node:module";

type SqliteModule = typeof import("node:sqlite");

const require = createRequire(import.meta.url);
let loaded: SqliteModule | undefined;

/**
 * True for the one warning `node:sqlite` emits on load. Node calls `process.emitWarning(message,
 * "ExperimentalWarning")`; the options-object and Error forms are recognised too.
 *
 * @example
 * isSqliteExperimentalWarning("SQLite is an experimental feature and might change at any time", "ExperimentalWarning"); // true
 */
export function isSqliteExperimentalWarning(warning: unknown, typeOrOptions?: unknown): boolean {
  const type =
    warning instanceof Error
      ? warning.name
      : typeof typeOrOptions === "string"
        ? typeOrOptions
        : typeof typeOrOptions === "object" && typeOrOptions !== null && "type" in typeOrOptions
          ? typeOrOptions.type
          : undefined;
  const message = warning instanceof Error ? warning.message : warning;
  return (
    type === "ExperimentalWarning" &&
    typeof message === "string" &&
    /^SQLite is an experimental feature\b/.test(message)
  );
}

/**
 * Runs `fn` with the SQLite ExperimentalWarning filtered out of `process.emitWarning`, then restores
 * the original, so warnings emitted later (or of any other kind) still reach the process. Node emits
 * the warning synchronously while the module loads, which is why a synchronous window is enough.
 *
 * @example
 * const sqlite = withoutSqliteWarning(() => require("node:sqlite"));
 */
export function withoutSqliteWarning<T>(fn: () => T): T {
  const original = process.emitWarning;
  const filtered = function (this: unknown, ...args: unknown[]): void {
    if (isSqliteExperimentalWarning(args[0], args[1])) return;
    Reflect.apply(original, this, args);
  };
  process.emitWarning = filtered as typeof process.emitWarning;
  try {
    return fn();
  } finally {
    // Someone may have wrapped emitWarning inside `fn`; only undo our own wrapper.
    if (process.emitWarning === filtered) process.emitWarning = original;
  }
}

/**
 * `node:sqlite`, loaded once without its ExperimentalWarning.
 *
 * @example
 * const { DatabaseSync } = loadSqlite();
 */
export function loadSqlite(): SqliteModule {
  loaded ??= withoutSqliteWarning(() => require("node:sqlite") as SqliteModule);
  return loaded;
}
