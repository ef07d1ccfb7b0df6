import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { tempDir } from "./_test-support.ts";
import { openStateDatabase } from "./sqlite-open.ts";

describe("openStateDatabase", () => {
  for (const [durability, synchronous] of [
    ["normal", 1],
    ["full", 2],
  ] as const) {
    it(`durability "${durability}" uses WAL with synchronous = ${synchronous} and the busy timeout`, () => {
      const path = join(tempDir(), "a", "b", "state.sqlite");
      const db = openStateDatabase({ path, busyTimeoutMs: 1234, durability, now: Date.now });
      try {
        assert.equal(db.prepare("PRAGMA journal_mode").get()?.journal_mode, "wal");
        assert.equal(db.prepare("PRAGMA synchronous").get()?.synchronous, synchronous);
        assert.equal(db.prepare("PRAGMA busy_timeout").get()?.timeout, 1234);
      } finally {
        db.close();
      }
    });
  }
});
