/**
 * The local-model example end to end: a JSONL help desk → `otai train --from` its solved tickets →
 * `otai run --once` classifies, decides with the policy and updates the new ones.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { createSqliteStateStore } from "@otai/core";
import { main } from "../src/main.ts";

const EXAMPLE = new URL("../../../examples/local-model/", import.meta.url).pathname;
const EXPECTED = JSON.parse(
  readFileSync(new URL("../../../examples/demo/expected.json", import.meta.url), "utf8"),
) as Record<string, { queue: string }>;

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTTY: false } };
};

interface Row {
  id: string;
  status: string;
  queue: { name: string };
  notes?: { body: string }[];
}
const read = (dir: string) =>
  readFileSync(join(dir, "tickets.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Row);

describe("examples/local-model (JSONL help desk, trained local model, decision policy)", () => {
  it("trains from the help desk's history, then routes each new ticket once, mostly to the right queue", async () => {
    const dir = mkdtempSync(join(tmpdir(), "otai-local-example-"));
    cpSync(EXAMPLE, dir, { recursive: true });
    const config = join(dir, "config.yml");
    const train = io();
    const trained = await main(
      ["train", "--from", "helpdesk", "--config", config, "--out", join(dir, "model.otai")],
      train.io,
    );
    assert.equal(trained, 0, train.err.join("\n"));
    const run = io();
    assert.equal(
      await main(["run", "--once", "--config", config, "--log-level", "ERROR"], run.io),
      0,
      run.err.join("\n"),
    );

    const before = read(EXAMPLE);
    const after = read(dir);
    const fresh = before.filter((t) => t.status === "new").map((t) => t.id);
    assert.equal(fresh.length, 60);
    let right = 0;
    for (const id of fresh) {
      const ticket = after.find((t) => t.id === id);
      assert.ok(ticket && ticket.queue.name !== "Incoming", `ticket ${id} left Incoming`);
      assert.equal(ticket.notes?.length, 1, `ticket ${id} has one note`);
      if (ticket.queue.name === EXPECTED[`demo-0${id}`]?.queue) right++;
    }
    assert.ok(right / fresh.length >= 0.8, `${right}/${fresh.length} in the expected queue`);
    for (const t of after.filter((t) => t.status !== "new")) {
      assert.deepEqual(
        t,
        before.find((b) => b.id === t.id),
        "solved tickets are untouched",
      );
    }
    const store = createSqliteStateStore({ path: join(dir, "otai-state.sqlite") });
    try {
      const decisions = await store.decisions();
      assert.equal(decisions.filter((d) => d.field === "queue").length, 60);
      assert.ok(
        decisions.every((d) => d.model !== null),
        "each decision names its model",
      );
    } finally {
      await store.close();
    }
    // A second run finds nothing new to do.
    assert.equal(await main(["run", "--once", "--config", config, "--log-level", "ERROR"], io().io), 0);
    assert.deepEqual(read(dir), after);
  });
});
