import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { tempDir } from "./_test-support.ts";
import { loadSqlite } from "./sqlite-module.ts";
import { createSqliteStateStore } from "./sqlite-store.ts";

const CHILD = fileURLToPath(new URL("./_crash-child.ts", import.meta.url));
const key = (ticketId: string) => ({ system: "zendesk", ticketId, pipeline: "crash" });

/** Starts the child; resolves with its stdout lines once `until` holds for them. */
function startChild(path: string, mode: string, until: (lines: string[]) => boolean) {
  const child = spawn(process.execPath, [CHILD, path, mode], { stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const reached = new Promise<void>((resolve, reject) => {
    let buffered = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      lines.push(...parts);
      if (until(lines)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`child exited early with ${code}: ${stderr}`)));
  });
  return { child, lines, reached };
}

function kill(child: ChildProcess): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", (_code, signal) => resolve(signal));
    child.kill("SIGKILL");
  });
}

describe("crash safety (a real child process, SIGKILLed)", () => {
  it("an intent begun before the kill is open after reopening", async () => {
    const path = join(tempDir(), "state.sqlite");
    const { child, reached } = startChild(path, "begin", (lines) => lines.includes("ready"));
    await reached;
    assert.equal(await kill(child), "SIGKILL");
    const store = createSqliteStateStore({ path });
    const open = await store.openIntents();
    assert.equal(open.length, 1);
    assert.equal(open[0]?.decisionId, "crashdecision01");
    assert.deepEqual(open[0]?.changes, { queue: "billing" });
    await store.close();
  });

  it("a completed intent stays done after the kill", async () => {
    const path = join(tempDir(), "state.sqlite");
    const { child, reached } = startChild(path, "complete", (lines) => lines.includes("ready"));
    await reached;
    assert.equal(await kill(child), "SIGKILL");
    const store = createSqliteStateStore({ path });
    assert.deepEqual(await store.openIntents(), []);
    const entry = await store.get(key("1"));
    assert.equal(entry?.status, "done");
    assert.equal(await store.isProcessed(key("1"), "v2"), true);
    await store.close();
  });

  // The kill lands at a random point of a stream of begin/complete pairs; three runs per test run.
  for (const killAfter of [0, 1, 2].map(() => 20 + Math.floor(Math.random() * 400))) {
    it(`killed mid-stream (after ${killAfter} reported steps), every reported step survives and the file is intact`, async () => {
      await killMidStream(killAfter);
    });
  }
});

async function killMidStream(killAfter: number): Promise<void> {
  const path = join(tempDir(), "state.sqlite");
  const { child, lines, reached } = startChild(path, "loop", (seen) => seen.length >= killAfter);
  await reached;
  assert.equal(await kill(child), "SIGKILL");
  const reported = [...lines];

  const { DatabaseSync } = loadSqlite();
  const raw = new DatabaseSync(path);
  assert.equal(raw.prepare("PRAGMA integrity_check").get()?.integrity_check, "ok");
  raw.close();

  const store = createSqliteStateStore({ path });
  let lastBegun = -1;
  for (const line of reported) {
    const [step, index] = line.split(" ");
    const entry = await store.get(key(index ?? ""));
    if (step === "begun") {
      lastBegun = Number(index);
      assert.ok(entry?.status === "pending" || entry?.status === "done", `ticket ${index} was begun`);
    } else {
      assert.equal(entry?.status, "done", `ticket ${index} was reported done`);
    }
  }
  // At most one ticket after the last reported step may exist (begun or completed, not yet reported).
  assert.equal(await store.get(key(String(lastBegun + 2))), undefined);
  const counts = await store.ledgerCounts();
  assert.ok(counts.pending <= 1, `at most the one in-flight intent is open, got ${counts.pending}`);
  await store.close();
}
