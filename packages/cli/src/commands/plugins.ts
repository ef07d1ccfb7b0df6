/**
 * `otai plugins`: the installed plugins, their components and ids.
 */
import { parseArgs } from "node:util";
import { loadRegistry } from "@otai/core";
import { type CommandDeps, engineOptions } from "./_shared.ts";

export const pluginsHelp = `Usage: otai plugins [--json]

Lists the installed plugins (the built-in one and every package in node_modules whose package.json
declares "otai": { "plugin": ... }), with each component's id, kind and aliases.

Options:
      --json   print one JSON object
  -h, --help   show this help`;

export async function pluginsCommand(argv: string[], deps: CommandDeps): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: "boolean" } }, strict: true });
  const { registry, plugins, problems } = await loadRegistry({
    ...engineOptions(deps),
  });
  const components = registry.components();
  if (values.json) {
    deps.io.out(
      JSON.stringify({
        plugins: plugins.map((p) => ({
          ...p,
          components: components
            .filter((c) => c.plugin.name === p.name)
            .map((c) => ({ id: c.id, kind: c.definition.kind, aliases: c.aliases })),
        })),
        problems: problems.map((p) => ({ code: p.error.code, message: p.error.message })),
      }),
    );
  } else {
    for (const plugin of plugins) {
      deps.io.out(
        `${plugin.name} ${plugin.version}  (prefix '${plugin.prefix}', API ${plugin.apiVersion}, ${plugin.source})`,
      );
      for (const component of components.filter((c) => c.plugin.name === plugin.name)) {
        const aliases = component.aliases.length ? `  aliases: ${component.aliases.join(", ")}` : "";
        deps.io.out(`  ${component.id.padEnd(44)} ${component.definition.kind.padEnd(16)}${aliases}`);
      }
    }
    for (const problem of problems) deps.io.err(`not loaded [${problem.error.code}]: ${problem.error.message}`);
  }
  return problems.length === 0 ? 0 : 3;
}
