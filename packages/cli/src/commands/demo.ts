/**
 * `otai demo`: the whole product in one command, on this machine only. It starts a sandbox Zendesk
 * (the test kit's fake, on 127.0.0.1) loaded with the project's own sample tickets, trains the local
 * model on the solved ones, routes the new ones with the demo pipeline (examples/demo/config.yml), and
 * prints what it decided and why.
 */
import { copyFileSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createApp, type DecisionRecord, type TicketSystem } from "@otai/core";
import { type FakeZendeskSeed, startFakeZendesk } from "@otai/testkit";
import { readTicketHistory, saveModel, trainModel } from "otai-local";
import { logDestination } from "../output.ts";
import { type CommandDeps, engineOptions, LOG_OPTIONS, parseLogFormat, parseLogLevel } from "./_shared.ts";
import { pad, renderTable } from "./_table.ts";

export const demoHelp = `Usage: otai demo [--dir DIR] [--log-format json|pretty] [--log-level LEVEL]

Starts a sandbox Zendesk on 127.0.0.1 (the project's fake Zendesk) with the bundled sample tickets
(examples/demo: English and German, written for this project), trains the local model on its solved
tickets, routes the new tickets in "Incoming" with examples/demo/config.yml, and prints a summary.
Nothing leaves this machine. DIR (default: a new temporary folder) receives the config, the trained
model and the state store, so you can look at them afterwards.

Options:
      --dir DIR   where to put the config, model and state
  -h, --help      show this help`;

const DEMO_DIR = fileURLToPath(new URL("../../../../examples/demo/", import.meta.url));

interface Expected {
  queue: string;
  priority: string;
}

export async function demoCommand(argv: string[], deps: CommandDeps): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { dir: { type: "string" }, ...LOG_OPTIONS }, strict: true });
  const io = deps.io;
  const started = performance.now();
  const dir = values.dir ?? mkdtempSync(join(tmpdir(), "otai-demo-"));
  copyFileSync(join(DEMO_DIR, "config.yml"), join(dir, "config.yml"));
  const seed = JSON.parse(readFileSync(join(DEMO_DIR, "tickets.json"), "utf8")) as FakeZendeskSeed;
  const expected = JSON.parse(readFileSync(join(DEMO_DIR, "expected.json"), "utf8")) as Record<string, Expected>;

  const zendesk = await startFakeZendesk({ seed });
  const destination = logDestination(parseLogFormat(values["log-format"]), io);
  const app = await createApp({
    config: join(dir, "config.yml"),
    once: true,
    ...engineOptions(deps),
    cwd: dir,
    environment: {
      OTAI_DEMO_ZENDESK_URL: zendesk.url,
      OTAI_DEMO_ZENDESK_EMAIL: "agent@example.test",
      OTAI_DEMO_ZENDESK_TOKEN: "fake-api-token",
    },
    logLevel: parseLogLevel(values["log-level"]) ?? "WARNING",
    ...(destination ? { logDestination: destination } : {}),
  });
  try {
    io.out(`Open Ticket AI demo — sandbox Zendesk at ${zendesk.url} (local only)\n`);
    // Learn from the help desk's own history, through the same adapter the pipeline uses.
    const system = (await app.services.get("zendesk", "ticket-system", "otai demo")) as TicketSystem;
    const trainStart = performance.now();
    const history = await readTicketHistory(system);
    const model = await trainModel(history.examples, { heads: ["queue", "priority"], tags: false, seed: 1 });
    const modelPath = join(dir, "model.otai");
    await saveModel(model, modelPath);
    const trainSeconds = (performance.now() - trainStart) / 1000;
    io.out(
      `1. Trained the local model on ${history.examples.length} solved tickets in ${trainSeconds.toFixed(1)} s ` +
        `(${(statSync(modelPath).size / 1024).toFixed(0)} KB; heads: ${model.meta.heads.map((h) => `${h.name} ${h.labels.length}`).join(", ")}).`,
    );

    const incoming = zendesk.tickets().filter((t) => t.status === "new");
    const outcome = await app.run();
    for (const incident of outcome.incidents) io.err(`[${incident.error.code}] ${incident.error.message}`);
    const decisions = await app.store.decisions();
    io.out(`2. Routed the ${incoming.length} new tickets in "Incoming" (mode ${app.settings.mode}):\n`);
    io.out(summaryTable(incoming, decisions, expected));
    io.out(`\n${totals(incoming, decisions, expected)}`);
    io.out(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s. Where to look next:`);
    io.out(`  ${join(dir, "config.yml")}  the pipeline: fetch → per ticket: classify → decide (policy) → apply`);
    io.out(`  ${join(dir, "otai-state.sqlite")}  ledger and decision log (sqlite3 … "select * from decisions")`);
    io.out(`  npx otai eval --help, npx otai train --help  measure and train on your own tickets`);
    io.out(`  npx otai run --config config.yml --mode shadow  try it on a real help desk without writing`);
    return outcome.ok ? 0 : 1;
  } finally {
    await app.close();
    await zendesk.close();
  }
}

type FakeTicket = ReturnType<Awaited<ReturnType<typeof startFakeZendesk>>["tickets"]>[number];

function summaryTable(
  incoming: readonly FakeTicket[],
  decisions: readonly DecisionRecord[],
  expected: Readonly<Record<string, Expected>>,
): string {
  const rows = incoming.map((ticket) => {
    const mine = decisions.filter((d) => d.ticketId === String(ticket.id));
    const cell = (field: string) => {
      const d = mine.find((x) => x.field === field);
      if (!d) return "–";
      const value = d.outcome === "suggested" ? `(${d.predicted})` : (d.value ?? "unchanged");
      return `${value} ${d.confidence === null ? "" : d.confidence.toFixed(2)} ${d.outcome}`;
    };
    const want = ticket.external_id ? expected[ticket.external_id] : undefined;
    return [
      String(ticket.id),
      ticket.subject ?? "",
      cell("queue"),
      cell("priority"),
      want ? `${want.queue} / ${want.priority}` : "",
    ];
  });
  return renderTable(
    ["id", "subject", "queue (conf, outcome)", "priority (conf, outcome)", "expected"],
    rows,
    [5, 40, 40, 26, 32],
  );
}

function totals(
  incoming: readonly FakeTicket[],
  decisions: readonly DecisionRecord[],
  expected: Readonly<Record<string, Expected>>,
): string {
  const lines: string[] = [];
  for (const field of ["queue", "priority"] as const) {
    const mine = decisions.filter((d) => d.field === field);
    const byOutcome = new Map<string, number>();
    for (const d of mine) byOutcome.set(d.outcome, (byOutcome.get(d.outcome) ?? 0) + 1);
    // Accuracy of what was written, against the labels the sample's author gave each ticket.
    let written = 0;
    let right = 0;
    for (const ticket of incoming) {
      const d = mine.find((x) => x.ticketId === String(ticket.id));
      const want = ticket.external_id ? expected[ticket.external_id]?.[field] : undefined;
      if (!d || !want || (d.outcome !== "applied" && d.outcome !== "flagged")) continue;
      written++;
      if (d.value === want) right++;
    }
    const outcomes = [...byOutcome].map(([k, v]) => `${k} ${v}`).join(", ");
    lines.push(
      `${pad(field, 9)} ${outcomes}; written values correct: ${right}/${written}${written ? ` (${((100 * right) / written).toFixed(0)}%)` : ""}`,
    );
  }
  return lines.join("\n");
}
