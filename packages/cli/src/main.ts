/**
 * @module main
 * The `otai` command. Exit codes: 0 success; 1 a run failed (a pipe raised an error); 2 bad command
 * line; 3 invalid config or plugin; 4 internal error.
 */
import { readFileSync } from "node:fs";
import type { PluginDefinition } from "@otai/core";
import { reportError, UsageError } from "./commands/_shared.ts";
import { classifyCommand, classifyHelp } from "./commands/classify.ts";
import { demoCommand, demoHelp } from "./commands/demo.ts";
import { evalCommand, evalHelp } from "./commands/eval.ts";
import { inspectCommand, inspectHelp } from "./commands/inspect.ts";
import { pluginsCommand, pluginsHelp } from "./commands/plugins.ts";
import { runCommand, runHelp } from "./commands/run.ts";
import { schemaCommand, schemaHelp } from "./commands/schema.ts";
import { trainCommand, trainHelp } from "./commands/train.ts";
import { validateCommand, validateHelp } from "./commands/validate.ts";
import { type Io, processIo } from "./output.ts";

const VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string })
  .version;

export const mainHelp = `otai ${VERSION}: Open Ticket AI, self-hosted AI ticket routing

Usage: otai <command> [options]

Commands:
  run        run the pipeline of a config (--once for a single cycle)
  validate   check a config and report every problem with its line
  plugins    list installed plugins and their component ids
  demo       route the bundled example tickets and show the result
  schema     print a JSON Schema of config.yml for editor completion
  train      train the local model from a CSV/JSONL file or the help desk's solved tickets
  eval       measure a trained model on labelled data (accuracy, coverage, HTML report)
  classify   show a trained model's predictions for some texts
  inspect    show what a model file holds (heads, training data, held-out metrics)

Options:
  -h, --help      show help (also: otai <command> --help)
  -v, --version   print the version

Exit codes: 0 ok, 1 run failed, 2 bad command line, 3 invalid config or plugin, 4 internal error.
Config: --config PATH, else $OTAI_CONFIG, else ./config.yml; a .env file beside it is read too.`;

interface Command {
  help: string;
  run(argv: string[], deps: { io: Io; plugins?: readonly PluginDefinition[] }): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  run: { help: runHelp, run: runCommand },
  validate: { help: validateHelp, run: validateCommand },
  plugins: { help: pluginsHelp, run: pluginsCommand },
  demo: { help: demoHelp, run: demoCommand },
  schema: { help: schemaHelp, run: schemaCommand },
  train: { help: trainHelp, run: trainCommand },
  eval: { help: evalHelp, run: evalCommand },
  classify: { help: classifyHelp, run: classifyCommand },
  inspect: { help: inspectHelp, run: inspectCommand },
};

/**
 * Runs the CLI and returns the exit code.
 *
 * @example
 * process.exitCode = await main(["validate", "--config", "config.yml"]);
 */
export async function main(argv: string[], io: Io = processIo, plugins?: readonly PluginDefinition[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    io.out(mainHelp);
    return name === undefined ? 2 : 0;
  }
  if (name === "-v" || name === "--version") {
    io.out(VERSION);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) return reportError(io, new UsageError(`unknown command '${name}'`));
  if (rest.includes("-h") || rest.includes("--help")) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, { io, ...(plugins ? { plugins } : {}) });
  } catch (error) {
    // parseArgs throws plain TypeErrors with a code for unknown or malformed options.
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS"))
      return reportError(io, new UsageError((error as Error).message));
    return reportError(io, error);
  }
}
