/**
 * `otai validate`: reports every problem in the config, with file, line and column.
 */
import { parseArgs } from "node:util";
import { prepare } from "@otai/core";
import { CONFIG_OPTION, type CommandDeps, engineOptions, printIssues } from "./_shared.ts";

export const validateHelp = `Usage: otai validate [--config PATH] [--json]

Checks the config without running it: YAML syntax, keys, component ids, params, injected services,
template syntax, and that every environment variable the services read is set.

Options:
  -c, --config PATH   config file (default: $OTAI_CONFIG, else ./config.yml)
      --json          print the result as one JSON object
  -h, --help          show this help

Exit codes: 0 valid, 3 invalid.`;

export async function validateCommand(argv: string[], deps: CommandDeps): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...CONFIG_OPTION, json: { type: "boolean" } }, strict: true });
  const prepared = await prepare({
    config: values.config,
    ...engineOptions(deps),
  });
  const { issues, loaded } = prepared;
  if (values.json) {
    deps.io.out(JSON.stringify({ file: loaded.file, valid: issues.length === 0, issues }));
  } else if (issues.length > 0) {
    printIssues(deps.io, issues);
  } else {
    deps.io.out(
      `${loaded.file} is valid: ${loaded.services.length} service(s), plugins: ${prepared.plugins.map((p) => p.name).join(", ")}`,
    );
  }
  return issues.length === 0 ? 0 : 3;
}
