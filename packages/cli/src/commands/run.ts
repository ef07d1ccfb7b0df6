/**
 * `otai run`: runs the configured orchestrator, once or until stopped.
 */
import { parseArgs } from "node:util";
import { createApp, ENGINE_MODES, type EngineMode, type PlannedChange } from "@otai/core";
import { logDestination } from "../output.ts";
import {
  CONFIG_OPTION,
  type CommandDeps,
  engineOptions,
  LOG_OPTIONS,
  parseLogFormat,
  parseLogLevel,
  UsageError,
} from "./_shared.ts";

export const runHelp = `Usage: otai run [--config PATH] [--once] [--mode MODE | --dry-run] [--ticket ID …]
                [--log-format json|pretty] [--log-level LEVEL]

Runs the orchestrator of the config. Without --once it runs until SIGTERM or SIGINT: fetching
stops, the tickets in flight finish (within engine.shutdown_timeout), then the state store and
every service are closed.

Options:
  -c, --config PATH   config file (default: $OTAI_CONFIG, else ./config.yml)
      --once          run every runner once (triggers fire at once) and exit:
                      0 when no pipe raised an error, 1 otherwise
      --mode MODE     dry_run, shadow, suggest or live (overrides engine.mode):
                        dry_run  writes and records nothing; prints the changes it would make
                        shadow   records decisions in the state store; writes nothing
                        suggest  writes internal notes only
                        live     writes changes and notes
      --dry-run       the same as --mode dry_run
      --ticket ID     process this ticket now, even if it was processed before (repeatable;
                      implies --once)
      --log-format    json (default off a terminal) or pretty (default on a terminal)
      --log-level     DEBUG, INFO, WARNING, ERROR or CRITICAL (overrides the config)
  -h, --help          show this help`;

export async function runCommand(argv: string[], deps: CommandDeps): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...CONFIG_OPTION,
      ...LOG_OPTIONS,
      once: { type: "boolean" },
      mode: { type: "string" },
      "dry-run": { type: "boolean" },
      ticket: { type: "string", multiple: true },
    },
    strict: true,
  });
  const mode = parseMode(values.mode, values["dry-run"] ?? false);
  const tickets = values.ticket?.flatMap((t) => t.split(",")).filter(Boolean);
  const once = (values.once ?? false) || (tickets !== undefined && tickets.length > 0);
  const plans: PlannedChange[] = [];
  const destination = logDestination(parseLogFormat(values["log-format"]), deps.io);
  const logLevel = parseLogLevel(values["log-level"]);
  const app = await createApp({
    config: values.config,
    once,
    ...(mode ? { mode } : {}),
    ...(tickets && tickets.length > 0 ? { onlyTickets: tickets } : {}),
    onPlan: (change) => {
      plans.push(change);
      deps.io.out(formatPlan(change));
    },
    ...engineOptions(deps),
    ...(destination ? { logDestination: destination } : {}),
    ...(logLevel ? { logLevel } : {}),
  });
  let deadline: NodeJS.Timeout | undefined;
  const stop = (signal: NodeJS.Signals) => {
    const ms = app.settings.shutdown_timeout;
    app.logger.info({ signal, timeout_ms: ms }, "stopping: no new tickets; finishing the ones in flight");
    app.stop();
    // A help desk that hangs must not keep the process alive past the deadline.
    deadline = setTimeout(() => {
      app.logger.error({ timeout_ms: ms }, "tickets still in flight at the shutdown deadline; exiting");
      // Closing waits for requests in flight, which are what hangs; give it a moment, no more. An
      // intent left open is settled on the next start.
      const grace = new Promise((resolve) => setTimeout(resolve, 1000).unref());
      void Promise.race([app.close(), grace]).finally(() => process.exit(1));
    }, ms);
    deadline.unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  try {
    const outcome = await app.run();
    for (const incident of outcome.incidents) {
      deps.io.err(
        `pipe '${incident.pipeId}' (${incident.use}) failed [${incident.error.code}]: ${incident.error.message}`,
      );
    }
    if (app.settings.mode === "dry_run")
      deps.io.err(`dry run: ${plans.length} ticket${plans.length === 1 ? "" : "s"} would change; nothing was written`);
    app.logger.info({ ok: outcome.ok, incidents: outcome.incidents.length }, once ? "run finished" : "stopped");
    return outcome.ok ? 0 : 1;
  } finally {
    process.off("SIGTERM", stop);
    process.off("SIGINT", stop);
    if (deadline) clearTimeout(deadline);
    await app.close();
  }
}

function parseMode(value: string | undefined, dryRun: boolean): EngineMode | undefined {
  if (dryRun) {
    if (value !== undefined && value !== "dry_run") throw new UsageError("--dry-run and --mode disagree");
    return "dry_run";
  }
  if (value === undefined) return undefined;
  const mode = ENGINE_MODES.find((m) => m === value.replace("-", "_"));
  if (!mode) throw new UsageError(`--mode must be one of ${ENGINE_MODES.join(", ")}, not '${value}'`);
  return mode;
}

/** One line per ticket: what dry-run would write, as JSON so it can be diffed or piped. */
function formatPlan(change: PlannedChange): string {
  const note = change.note === null ? "" : `\n  + internal note: ${JSON.stringify(change.note)}`;
  return `would update ${change.system} ticket ${change.ticketId}: ${JSON.stringify(change.changes)}${note}`;
}
