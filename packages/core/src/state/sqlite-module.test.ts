import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { isSqliteExperimentalWarning, loadSqlite, withoutSqliteWarning } from "./sqlite-module.ts";

const SQLITE_WARNING = "SQLite is an experimental feature and might change at any time";

describe("the node:sqlite ExperimentalWarning", () => {
  it("is recognised in every form process.emitWarning accepts, and nothing else is", () => {
    assert.equal(isSqliteExperimentalWarning(SQLITE_WARNING, "ExperimentalWarning"), true);
    assert.equal(isSqliteExperimentalWarning(SQLITE_WARNING, { type: "ExperimentalWarning" }), true);
    const error = Object.assign(new Error(SQLITE_WARNING), { name: "ExperimentalWarning" });
    assert.equal(isSqliteExperimentalWarning(error), true);

    assert.equal(isSqliteExperimentalWarning("VM Modules is an experimental feature", "ExperimentalWarning"), false);
    assert.equal(isSqliteExperimentalWarning(SQLITE_WARNING, "DeprecationWarning"), false);
    assert.equal(isSqliteExperimentalWarning(SQLITE_WARNING), false);
    assert.equal(isSqliteExperimentalWarning("Using SQLite here", "ExperimentalWarning"), false);
  });

  it("is dropped while node:sqlite loads; other warnings, and later ones, still reach stderr", () => {
    const moduleUrl = new URL("./sqlite-module.ts", import.meta.url).href;
    const script = `
      import { withoutSqliteWarning, loadSqlite } from ${JSON.stringify(moduleUrl)};
      const original = process.emitWarning;
      withoutSqliteWarning(() => {
        process.emitWarning(${JSON.stringify(SQLITE_WARNING)}, "ExperimentalWarning");
        process.emitWarning("Other feature is an experimental feature", "ExperimentalWarning");
        process.emitWarning("something else entirely", { type: "MyWarning" });
      });
      loadSqlite();
      if (process.emitWarning !== original) throw new Error("emitWarning was not restored");
      process.emitWarning("emitted after loading", "MyWarning");
    `;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: fileURLToPath(new URL(".", import.meta.url)),
      encoding: "utf8",
    });
    assert.equal(child.status, 0, child.stderr);
    assert.doesNotMatch(child.stderr, /SQLite is an experimental feature/);
    assert.match(child.stderr, /ExperimentalWarning: Other feature is an experimental feature/);
    assert.match(child.stderr, /MyWarning: something else entirely/);
    assert.match(child.stderr, /MyWarning: emitted after loading/);
  });

  it("is dropped only inside the window, and the filter restores emitWarning even when fn throws", () => {
    const original = process.emitWarning;
    assert.throws(
      () =>
        withoutSqliteWarning(() => {
          assert.notEqual(process.emitWarning, original);
          throw new Error("load failed");
        }),
      /load failed/,
    );
    assert.equal(process.emitWarning, original);
  });

  it("loads the module once", () => {
    const sqlite = loadSqlite();
    assert.equal(typeof sqlite.DatabaseSync, "function");
    assert.equal(loadSqlite(), sqlite);
  });
});
