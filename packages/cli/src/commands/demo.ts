/**
 * `otai demo`: runs the bundled quick-start example on a copy of its data, so nothing in the
 * repository changes, and prints what happened to each ticket.
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createApp, createJsonlTicketSystem, type UnifiedTicket } from "@otai/core";
import { type Io, logDestination } from "../output.ts";
import { LOG_OPTIONS, parseLogFormat, parseLogLevel } from "./_shared.ts";

export const demoHelp = `Usage: otai demo [--dir DIR] [--log-format json|pretty] [--log-level LEVEL]

Copies the bundled example (examples/quickstart: a JSONL help desk and an OTAI-style config) to DIR
(default: a new temporary folder), routes every ticket waiting in its "Incoming" queue, and prints a
summary. Run it again with 'otai run --once --config DIR/config.yml' to see that nothing is left to do.

Options:
      --dir DIR   where to put the copy
  -h, --help      show this help`;

export const QUICKSTART_DIR = fileURLToPath(new URL("../../../../examples/quickstart/", import.meta.url));
const MAX_CYCLES = 200;

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

export async function demoCommand(argv: string[], deps: { io: Io }): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { dir: { type: "string" }, ...LOG_OPTIONS }, strict: true });
  const dir = values.dir ?? mkdtempSync(join(tmpdir(), "otai-demo-"));
  cpSync(QUICKSTART_DIR, dir, { recursive: true });
  const config = join(dir, "config.yml");
  const helpdesk = createJsonlTicketSystem({ path: join(dir, "tickets.jsonl") });
  const before = new Map((await helpdesk.find({ limit: 10_000, offset: 0 })).tickets.map((t) => [t.id, t]));
  const destination = logDestination(parseLogFormat(values["log-format"]), deps.io);
  const app = await createApp({
    config,
    once: true,
    cwd: dir,
    logLevel: parseLogLevel(values["log-level"]) ?? "WARNING",
    ...(destination ? { logDestination: destination } : {}),
  });
  let cycles = 0;
  let ok = true;
  try {
    // The OTAI-style pipeline routes one ticket per cycle, so run cycles until the inbox is empty.
    while (cycles < MAX_CYCLES) {
      const waiting = await helpdesk.find({ queue: { name: "Incoming" }, limit: 1, offset: 0 });
      if (waiting.tickets.length === 0) break;
      const outcome = await app.run();
      cycles++;
      if (!outcome.ok) {
        ok = false;
        for (const incident of outcome.incidents) deps.io.err(`[${incident.error.code}] ${incident.error.message}`);
        break;
      }
    }
  } finally {
    await app.close();
  }
  const after = (await helpdesk.find({ limit: 10_000, offset: 0 })).tickets;
  deps.io.out(`\nOpen Ticket AI demo: ${cycles} pipeline run(s) on ${dir}\n`);
  deps.io.out(`${"id".padEnd(4)} ${"subject".padEnd(42)} ${"queue".padEnd(30)} ${"priority".padEnd(18)} notes`);
  for (const ticket of after) {
    const old = before.get(ticket.id) as UnifiedTicket;
    const arrow = (a?: string, b?: string) => (a === b ? (b ?? "") : `${a ?? "-"} → ${b ?? "-"}`);
    deps.io.out(
      `${ticket.id.padEnd(4)} ${truncate(ticket.subject, 42)} ${truncate(arrow(old.queue?.name, ticket.queue?.name), 30)} ${truncate(arrow(old.priority?.name, ticket.priority?.name), 18)} +${ticket.notes.length - old.notes.length}`,
    );
  }
  deps.io.out(`\nNext: look at ${join(dir, "tickets.jsonl")} (the help desk) and ${config} (the pipeline),`);
  deps.io.out(`then run: npx otai run --once --config ${config}`);
  return ok ? 0 : 1;
}
