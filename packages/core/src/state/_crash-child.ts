/**
 * @module state/_crash-child
 * A child process for crash.test.ts: works on a state store and reports each step on stdout, so
 * the parent knows what had been committed when it sends SIGKILL. stdout is a pipe, which Node
 * writes synchronously on Linux, so a reported step really was reported before the kill.
 *
 * Usage: node _crash-child.ts <db file> <begin | complete | loop>
 */
import { createSqliteStateStore } from "./sqlite-store.ts";

const [file, mode] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: _crash-child.ts <db file> <begin | complete | loop>");
const store = createSqliteStateStore({ path: file });
const key = (ticketId: string) => ({ system: "zendesk", ticketId, pipeline: "crash" });

if (mode === "begin" || mode === "complete") {
  await store.beginIntent(key("1"), { decisionId: "crashdecision01", version: "v1", changes: { queue: "billing" } });
  if (mode === "complete")
    await store.completeIntent(key("1"), { decisionId: "crashdecision01", writtenVersion: "v2" });
  process.stdout.write("ready\n");
  // Stay alive until the parent kills us, without ever closing the store.
  setInterval(() => {}, 1_000);
} else {
  for (let i = 0; ; i++) {
    const decisionId = `loop${i}`;
    await store.beginIntent(key(String(i)), { decisionId, version: `v${i}`, changes: { tags: [`t${i}`] } });
    process.stdout.write(`begun ${i}\n`);
    await store.completeIntent(key(String(i)), { decisionId, writtenVersion: `w${i}` });
    process.stdout.write(`done ${i}\n`);
    // Yield so the parent's kill can land between any two steps, not only inside sqlite calls.
    if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
