import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isOtaiError } from "../errors.ts";
import { decision, tempDir, ticketKey } from "./_test-support.ts";
import { loadSqlite } from "./sqlite-module.ts";
import { createSqliteStateStore } from "./sqlite-store.ts";
import type { StateStore } from "./types.ts";

const backoffMs = { base: 1_000, max: 8_000 };

function openStore(path = join(tempDir(), "state.sqlite"), now = () => 1_000_000): StateStore {
  return createSqliteStateStore({ path, now });
}

describe("ledger: processed tickets", () => {
  it("a ticket never seen is not processed and is due", async () => {
    const store = openStore();
    assert.equal(await store.isProcessed(ticketKey("1"), "v1"), false);
    assert.equal(await store.isDue(ticketKey("1")), true);
    assert.equal(await store.get(ticketKey("1")), undefined);
  });

  it("markDone makes the ticket processed at that version only; a changed version is processed again", async () => {
    const store = openStore();
    await store.markDone(ticketKey("1"), "v1");
    assert.equal(await store.isProcessed(ticketKey("1"), "v1"), true);
    assert.equal(await store.isProcessed(ticketKey("1"), "v2"), false);
    assert.equal(await store.isProcessed(ticketKey("1"), null), false, "an unknown written version matches nothing");
    assert.equal(await store.isProcessed(ticketKey("2"), "v1"), false, "other tickets are unaffected");
    assert.equal(await store.isProcessed(ticketKey("1", "pipeline-b"), "v1"), false, "another pipeline starts over");
  });

  it("a completed write is processed at the decided version and at the version after the write", async () => {
    const store = openStore();
    await store.beginIntent(ticketKey("1"), { decisionId: "d1", version: "v1", changes: { queue: "billing" } });
    assert.equal(await store.isProcessed(ticketKey("1"), "v1"), false, "an open intent is not processed");
    await store.completeIntent(ticketKey("1"), { decisionId: "d1", writtenVersion: "v2" });
    assert.equal(await store.isProcessed(ticketKey("1"), "v1"), true);
    assert.equal(await store.isProcessed(ticketKey("1"), "v2"), true, "our own write does not trigger a second pass");
    assert.equal(await store.isProcessed(ticketKey("1"), "v3"), false, "a later human edit does");
  });

  it("a help desk without versions (null) is processed once", async () => {
    const store = openStore();
    await store.markDone(ticketKey("1"), null);
    assert.equal(await store.isProcessed(ticketKey("1"), null), true);
    assert.equal(await store.isProcessed(ticketKey("1"), "v1"), false);
  });
});

describe("ledger: write intents", () => {
  it("beginIntent records a pending entry with its planned changes, listed as open oldest first", async () => {
    let now = 0;
    const store = openStore(undefined, () => now);
    const changes = { queue: "billing", tags: ["otai-abc"], note: { internal: true } };
    now = 5_000;
    await store.beginIntent(ticketKey("1"), { decisionId: "d1", version: "v1", changes });
    now = 6_000;
    await store.beginIntent(
      { system: "freshdesk", ticketId: "9", pipeline: "pipeline-a" },
      {
        decisionId: "d9",
        version: null,
        changes: null,
      },
    );
    assert.deepEqual(await store.get(ticketKey("1")), {
      ...ticketKey("1"),
      status: "pending",
      decidedVersion: "v1",
      writtenVersion: null,
      decisionId: "d1",
      changes,
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      updatedAt: 5_000,
    });
    const open = await store.openIntents();
    assert.deepEqual(
      open.map((entry) => `${entry.system}/${entry.ticketId}`),
      ["zendesk/1", "freshdesk/9"],
    );
    assert.deepEqual(
      (await store.openIntents({ system: "freshdesk" })).map((entry) => entry.decisionId),
      ["d9"],
    );
    assert.deepEqual(await store.openIntents({ pipeline: "pipeline-b" }), []);
    assert.deepEqual(await store.ledgerCounts(), { pending: 2, done: 0, failed: 0, dead: 0 });
  });

  it("completeIntent marks done, clears the changes and attempts, and is idempotent", async () => {
    const store = openStore();
    await store.recordFailure(ticketKey("1"), { version: "v1", error: "timeout", maxAttempts: 5, backoffMs, now: 0 });
    await store.beginIntent(ticketKey("1"), { decisionId: "d1", version: "v1", changes: { queue: "billing" } });
    assert.equal((await store.get(ticketKey("1")))?.attempts, 1, "a new intent keeps the attempts so far");
    await store.completeIntent(ticketKey("1"), { decisionId: "d1", writtenVersion: "v2" });
    await store.completeIntent(ticketKey("1"), { decisionId: "d1", writtenVersion: "v2" });
    const entry = await store.get(ticketKey("1"));
    assert.equal(entry?.status, "done");
    assert.equal(entry?.changes, null);
    assert.equal(entry?.attempts, 0);
    assert.equal(entry?.lastError, null);
    assert.equal(entry?.decisionId, "d1");
    assert.equal(entry?.writtenVersion, "v2");
    assert.deepEqual(await store.openIntents(), []);
  });

  it("completeIntent rejects another decision's id, so a stale process cannot complete a newer intent", async () => {
    const store = openStore();
    await store.beginIntent(ticketKey("1"), { decisionId: "old", version: "v1", changes: {} });
    await store.beginIntent(ticketKey("1"), { decisionId: "new", version: "v1", changes: {} });
    await assert.rejects(
      store.completeIntent(ticketKey("1"), { decisionId: "old", writtenVersion: "v2" }),
      (error) => isOtaiError(error, "OTAI_STATE_STORE") && !error.retryable && /intent is new/.test(error.message),
    );
    await assert.rejects(store.completeIntent(ticketKey("2"), { decisionId: "x", writtenVersion: null }), (error) =>
      isOtaiError(error, "OTAI_STATE_STORE"),
    );
    assert.equal((await store.get(ticketKey("1")))?.status, "pending");
  });

  it("markDone keeps the last decision id for the audit trail", async () => {
    const store = openStore();
    await store.beginIntent(ticketKey("1"), { decisionId: "d1", version: "v1", changes: {} });
    await store.completeIntent(ticketKey("1"), { decisionId: "d1", writtenVersion: "v2" });
    await store.markDone(ticketKey("1"), "v3");
    const entry = await store.get(ticketKey("1"));
    assert.equal(entry?.decisionId, "d1");
    assert.equal(entry?.decidedVersion, "v3");
    assert.equal(entry?.writtenVersion, null);
  });

  it("open intents survive closing and reopening the file", async () => {
    const path = join(tempDir(), "nested", "dir", "state.sqlite");
    const first = openStore(path);
    await first.beginIntent(ticketKey("7"), { decisionId: "d7", version: "v1", changes: { priority: "high" } });
    await first.markDone(ticketKey("8"), "v1");
    await first.close();
    const second = openStore(path);
    const open = await second.openIntents();
    assert.equal(open.length, 1);
    assert.equal(open[0]?.decisionId, "d7");
    assert.deepEqual(open[0]?.changes, { priority: "high" });
    assert.equal(await second.isProcessed(ticketKey("8"), "v1"), true);
    await second.close();
  });
});

describe("ledger: failures, backoff and dead letter", () => {
  it("backs off exponentially, capped, and moves to dead letter after maxAttempts", async () => {
    const store = openStore();
    const key = ticketKey("poison");
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push(
        await store.recordFailure(key, { version: "v1", error: `boom ${i}`, maxAttempts: 5, backoffMs, now: 10_000 }),
      );
    }
    assert.deepEqual(results, [
      { attempts: 1, dead: false, nextAttemptAt: 11_000 },
      { attempts: 2, dead: false, nextAttemptAt: 12_000 },
      { attempts: 3, dead: false, nextAttemptAt: 14_000 },
      { attempts: 4, dead: false, nextAttemptAt: 18_000 },
      { attempts: 5, dead: true, nextAttemptAt: null },
    ]);
    const entry = await store.get(key);
    assert.equal(entry?.status, "dead");
    assert.equal(entry?.lastError, "boom 4");
    assert.equal(await store.isDue(key, Number.MAX_SAFE_INTEGER), false, "dead is never due");
    assert.equal(await store.isProcessed(key, "v1"), true, "dead at that version needs no processing");
    assert.equal(await store.isProcessed(key, "v2"), false);
    assert.deepEqual(
      (await store.deadLetters()).map((dead) => dead.ticketId),
      ["poison"],
    );
    assert.deepEqual(await store.deadLetters({ system: "freshdesk" }), []);
  });

  it("a failed ticket is due only after its backoff, while other tickets flow", async () => {
    const store = openStore();
    const outcome = await store.recordFailure(ticketKey("1"), {
      version: "v1",
      error: "503",
      maxAttempts: 3,
      backoffMs,
      now: 50_000,
    });
    assert.equal(outcome.nextAttemptAt, 51_000);
    assert.equal(await store.isDue(ticketKey("1"), 50_999), false);
    assert.equal(await store.isDue(ticketKey("1"), 51_000), true);
    assert.equal(await store.isDue(ticketKey("2"), 50_999), true);
    assert.equal(await store.isProcessed(ticketKey("1"), "v1"), false, "failed is not processed");
    assert.equal((await store.get(ticketKey("1")))?.status, "failed");
  });

  it("uses the store's clock when no `now` is given", async () => {
    const store = openStore(undefined, () => 70_000);
    const outcome = await store.recordFailure(ticketKey("1"), { version: null, error: "x", maxAttempts: 3, backoffMs });
    assert.equal(outcome.nextAttemptAt, 71_000);
    assert.equal(await store.isDue(ticketKey("1")), false);
  });

  it("a failure after beginIntent keeps the unresolved intent, since its write may have landed", async () => {
    const store = openStore();
    await store.beginIntent(ticketKey("1"), { decisionId: "d1", version: "v1", changes: { queue: "billing" } });
    await store.recordFailure(ticketKey("1"), { version: "v1", error: "timeout", maxAttempts: 3, backoffMs });
    const entry = await store.get(ticketKey("1"));
    assert.equal(entry?.status, "failed");
    assert.equal(entry?.decisionId, "d1");
    assert.deepEqual(entry?.changes, { queue: "billing" });
    // Found the marker on the ticket later: the same decision completes.
    await store.completeIntent(ticketKey("1"), { decisionId: "d1", writtenVersion: "v2" });
    assert.equal((await store.get(ticketKey("1")))?.status, "done");
  });

  it("release clears dead and failed state so the ticket is tried again", async () => {
    const store = openStore();
    for (let i = 0; i < 2; i++) {
      await store.recordFailure(ticketKey("1"), { version: "v1", error: "bad", maxAttempts: 2, backoffMs });
    }
    assert.equal((await store.get(ticketKey("1")))?.status, "dead");
    assert.equal(await store.release(ticketKey("1")), true);
    const entry = await store.get(ticketKey("1"));
    assert.equal(entry?.status, "failed");
    assert.equal(entry?.attempts, 0);
    assert.equal(entry?.nextAttemptAt, null);
    assert.equal(await store.isDue(ticketKey("1")), true);
    assert.equal(await store.isProcessed(ticketKey("1"), "v1"), false);
    assert.deepEqual(await store.deadLetters(), []);
    // After release it takes the full maxAttempts again to be dead.
    const again = await store.recordFailure(ticketKey("1"), { version: "v1", error: "bad", maxAttempts: 2, backoffMs });
    assert.deepEqual([again.attempts, again.dead], [1, false]);

    await store.markDone(ticketKey("2"), "v1");
    assert.equal(await store.release(ticketKey("2")), false, "a done ticket has nothing to release");
    assert.equal(await store.release(ticketKey("3")), false, "nor has an unknown one");
    assert.equal((await store.get(ticketKey("2")))?.status, "done");
  });

  it("ledgerCounts counts every status", async () => {
    const store = openStore();
    await store.markDone(ticketKey("1"), "v1");
    await store.markDone(ticketKey("2"), "v1");
    await store.beginIntent(ticketKey("3"), { decisionId: "d3", version: "v1", changes: {} });
    await store.recordFailure(ticketKey("4"), { version: "v1", error: "x", maxAttempts: 2, backoffMs });
    await store.recordFailure(ticketKey("5"), { version: "v1", error: "x", maxAttempts: 1, backoffMs });
    assert.deepEqual(await store.ledgerCounts(), { pending: 1, done: 2, failed: 1, dead: 1 });
  });
});

describe("decision log", () => {
  it("appends records and reads them back oldest first, filtered", async () => {
    const store = openStore();
    await store.appendDecisions([
      decision({ decisionId: "d1", ticketId: "1", field: "queue" }),
      decision({ decisionId: "d1", ticketId: "1", field: "priority", outcome: "flagged", confidence: 0.4 }),
    ]);
    await store.appendDecisions([
      decision({
        decisionId: "d2",
        ticketId: "2",
        system: "freshdesk",
        predicted: null,
        value: null,
        confidence: null,
      }),
    ]);
    await store.appendDecisions([]);
    const all = await store.decisions();
    assert.deepEqual(
      all.map((record) => `${record.decisionId}:${record.field}`),
      ["d1:queue", "d1:priority", "d2:queue"],
    );
    assert.deepEqual(all[0], decision({ decisionId: "d1", ticketId: "1", field: "queue" }), "round-trips every field");
    assert.equal(all[2]?.confidence, null);
    assert.equal((await store.decisions({ system: "freshdesk" })).length, 1);
    assert.equal((await store.decisions({ ticketId: "1" })).length, 2);
    assert.equal((await store.decisions({ decisionId: "d2" }))[0]?.system, "freshdesk");
    assert.deepEqual(await store.decisions({ system: "zendesk", ticketId: "2" }), []);
  });

  it("limit keeps the newest records, still oldest first", async () => {
    const store = openStore();
    await store.appendDecisions(["a", "b", "c", "d"].map((decisionId) => decision({ decisionId })));
    assert.deepEqual(
      (await store.decisions({ limit: 2 })).map((record) => record.decisionId),
      ["c", "d"],
    );
    assert.deepEqual(await store.decisions({ limit: 0 }), []);
  });

  it("counts decisions by field and outcome", async () => {
    const store = openStore();
    await store.appendDecisions([
      decision({ field: "queue", outcome: "applied" }),
      decision({ field: "queue", outcome: "applied" }),
      decision({ field: "queue", outcome: "fallback" }),
      decision({ field: "priority", outcome: "flagged" }),
    ]);
    assert.deepEqual(await store.decisionCounts(), [
      { field: "priority", outcome: "flagged", count: 1 },
      { field: "queue", outcome: "applied", count: 2 },
      { field: "queue", outcome: "fallback", count: 1 },
    ]);
  });

  it("a batch is one transaction: one invalid record and none is written", async () => {
    const store = openStore();
    const invalid = decision({ outcome: "maybe" as never });
    await assert.rejects(store.appendDecisions([decision({ decisionId: "ok" }), invalid]), (error) =>
      isOtaiError(error, "OTAI_STATE_STORE"),
    );
    assert.deepEqual(await store.decisions(), []);
  });

  it("the log is append-only even for a direct sqlite connection", async () => {
    const path = join(tempDir(), "state.sqlite");
    const store = openStore(path);
    await store.appendDecisions([decision()]);
    const { DatabaseSync } = loadSqlite();
    const raw = new DatabaseSync(path);
    try {
      assert.throws(() => raw.exec("UPDATE decisions SET outcome = 'skipped'"), /append-only/);
      assert.throws(() => raw.exec("DELETE FROM decisions"), /append-only/);
    } finally {
      raw.close();
    }
    assert.equal((await store.decisions())[0]?.outcome, "applied");
  });
});

describe("sqlite store: files, processes and errors", () => {
  it("a second store on the same file (a restart while the old process dies) sees the first one's commits", async () => {
    const path = join(tempDir(), "state.sqlite");
    const dying = openStore(path);
    const starting = openStore(path);
    await dying.beginIntent(ticketKey("1"), { decisionId: "d1", version: "v1", changes: {} });
    assert.equal((await starting.openIntents()).length, 1);
    await starting.completeIntent(ticketKey("1"), { decisionId: "d1", writtenVersion: "v2" });
    assert.equal((await dying.get(ticketKey("1")))?.status, "done");
    await dying.close();
    await starting.close();
  });

  it("waits up to busyTimeoutMs for another writer's lock, then fails retryably naming the file", async () => {
    const path = join(tempDir(), "state.sqlite");
    const store = createSqliteStateStore({ path, busyTimeoutMs: 100 });
    const { DatabaseSync } = loadSqlite();
    const other = new DatabaseSync(path);
    other.exec("BEGIN IMMEDIATE");
    const started = performance.now();
    await assert.rejects(
      store.markDone(ticketKey("1"), "v1"),
      (error) =>
        isOtaiError(error, "OTAI_STATE_STORE") &&
        error.retryable &&
        error.message.includes(path) &&
        /locked|busy/i.test(error.message) &&
        error.cause !== undefined,
    );
    assert.ok(performance.now() - started >= 90, "it waited for the lock");
    other.exec("ROLLBACK");
    other.close();
    await store.markDone(ticketKey("1"), "v1");
    assert.equal(await store.isProcessed(ticketKey("1"), "v1"), true);
  });

  it("wraps an unopenable path in OTAI_STATE_STORE naming the file", () => {
    const dir = tempDir();
    assert.throws(
      () => createSqliteStateStore({ path: dir }),
      (error) => isOtaiError(error, "OTAI_STATE_STORE") && error.message.includes(dir) && error.cause instanceof Error,
    );
    const notADatabase = join(dir, "notes.txt");
    writeFileSync(notADatabase, "this is not a sqlite file, but long enough to have a header of sorts ".repeat(20));
    assert.throws(
      () => createSqliteStateStore({ path: notADatabase }),
      (error) => isOtaiError(error, "OTAI_STATE_STORE") && error.message.includes(notADatabase),
    );
  });

  it("a closed store answers ping with false and rejects everything else", async () => {
    const store = openStore();
    assert.equal(await store.ping(), true);
    await store.close();
    await store.close();
    assert.equal(await store.ping(), false);
    await assert.rejects(
      store.get(ticketKey("1")),
      (error) => isOtaiError(error, "OTAI_STATE_STORE") && /closed/.test(error.message),
    );
    await assert.rejects(store.markDone(ticketKey("1"), "v1"), (error) => isOtaiError(error, "OTAI_STATE_STORE"));
  });

  it("also works in memory", async () => {
    const store = createSqliteStateStore({ path: ":memory:" });
    await store.markDone(ticketKey("1"), "v1");
    assert.equal(await store.isProcessed(ticketKey("1"), "v1"), true);
    await store.close();
  });
});
