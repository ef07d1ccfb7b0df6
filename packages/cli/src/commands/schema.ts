/**
 * `otai schema`: a JSON Schema of config.yml for the installed plugins, for editor completion.
 */
import { parseArgs } from "node:util";
import { configJsonSchema, loadRegistry, writeOutputFile } from "@otai/core";
import { type CommandDeps, engineOptions } from "./_shared.ts";

export const schemaHelp = `Usage: otai schema [--out FILE]

Prints a JSON Schema of config.yml that knows every installed component, its params and injects.
With the YAML language server (VS Code's YAML extension, and others), put this first in config.yml:

  # yaml-language-server: $schema=./otai.schema.json

Options:
      --out FILE   write the schema to FILE instead of printing it
  -h, --help       show this help`;

export async function schemaCommand(argv: string[], deps: CommandDeps): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: "string" } }, strict: true });
  const { registry, problems } = await loadRegistry({
    ...engineOptions(deps),
  });
  for (const problem of problems) deps.io.err(`not loaded [${problem.error.code}]: ${problem.error.message}`);
  const text = `${JSON.stringify(configJsonSchema(registry), null, 2)}\n`;
  if (values.out) {
    await writeOutputFile(values.out, text, "the schema");
    deps.io.err(`wrote ${values.out}`);
  } else {
    deps.io.out(text);
  }
  return 0;
}
