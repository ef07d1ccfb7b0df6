/**
 * `otai run`: runs the configured orchestrator, once or until stopped.
 */
import { parseArgs } from "node:util";
import { createApp } from "@otai/core";
import { logDestination } from "../output.ts";
import {
  CONFIG_OPTION,
  type CommandDeps,
  engineOptions,
  LOG_OPTIONS,
  parseLogFormat,
  parseLogLevel,
} from "./_shared.ts";

export const runHelp = `Usage: otai run [--config PATH] [--once] [--log-format json|pretty] [--log-level LEVEL]

Runs the orchestrator of the config. Without --once it runs until SIGTERM or SIGINT, then finishes
the step in progress and closes every service.

Options:
  -c, --config PATH   config file (default: $OTAI_CONFIG, else ./config.yml)
      --once          run every runner once (triggers fire at once) and exit:
                      0 when no pipe raised an error, 1 otherwise
      --log-format    json (default off a terminal) or pretty (default on a terminal)
      --log-level     DEBUG, INFO, WARNING, ERROR or CRITICAL (overrides the config)
  -h, --help          show this help`;

export async function runCommand(argv: string[], deps: CommandDeps): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...CONFIG_OPTION, ...LOG_OPTIONS, once: { type: "boolean" } },
    strict: true,
  });
  const destination = logDestination(parseLogFormat(values["log-format"]), deps.io);
  const logLevel = parseLogLevel(values["log-level"]);
  const app = await createApp({
    config: values.config,
    once: values.once ?? false,
    ...engineOptions(deps),
    ...(destination ? { logDestination: destination } : {}),
    ...(logLevel ? { logLevel } : {}),
  });
  const stop = (signal: NodeJS.Signals) => {
    app.logger.info({ signal }, "stopping: finishing the step in progress");
    app.stop();
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
    app.logger.info({ ok: outcome.ok, incidents: outcome.incidents.length }, values.once ? "run finished" : "stopped");
    return outcome.ok ? 0 : 1;
  } finally {
    process.off("SIGTERM", stop);
    process.off("SIGINT", stop);
    await app.close();
  }
}
