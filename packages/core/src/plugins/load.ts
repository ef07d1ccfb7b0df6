/**
 * @module plugins/load
 * Loads plugins into the registry: the built-in `base` plugin always, installed ones as discovered,
 * restricted to the config's `plugins:` list when it has entries. A plugin built for another plugin API
 * is refused before any of its code runs (from its `package.json`) and again from its definition.
 */
import { pathToFileURL } from "node:url";
import type { PluginRequirement } from "../config/schema.ts";
import type { ComponentDefinition } from "../contracts/component.ts";
import type { PluginDefinition } from "../contracts/plugin.ts";
import { PLUGIN_API_VERSION } from "../contracts/plugin.ts";
import { errorMessage, OtaiError } from "../errors.ts";
import type { PluginCandidate } from "./discover.ts";
import { KNOWN_PLUGINS, namesPlugin } from "./known-plugins.ts";
import type { ComponentRegistry, PluginInfo } from "./registry.ts";
import { satisfiesSpec } from "./versions.ts";

export interface PluginProblem {
  error: OtaiError;
  /** Index into the config's `plugins:` list, when the problem is about one of its entries. */
  requirement?: number;
}

export interface LoadPluginsOptions {
  registry: ComponentRegistry;
  builtIn: readonly PluginDefinition[];
  candidates: readonly PluginCandidate[];
  requirements?: readonly PluginRequirement[];
}

function incompatible(name: string, version: string, range: string): OtaiError {
  return new OtaiError(
    "OTAI_PLUGIN_INCOMPATIBLE",
    `plugin '${name}' ${version} was built for plugin API ${range}, but this OTAI offers plugin API ${PLUGIN_API_VERSION}; install a version of '${name}' made for API ${PLUGIN_API_VERSION.split(".")[0]}.x`,
    { details: { plugin: name, version, apiVersion: range, offered: PLUGIN_API_VERSION } },
  );
}

/** Registers one plugin definition; throws an OtaiError when it is incompatible or its setup fails. */
export function registerPlugin(registry: ComponentRegistry, plugin: PluginDefinition, source: string): PluginInfo {
  if (satisfiesSpec(PLUGIN_API_VERSION, plugin.apiVersion) !== true) {
    throw incompatible(plugin.name, plugin.version, plugin.apiVersion);
  }
  const info: PluginInfo = {
    name: plugin.name,
    version: plugin.version,
    prefix: plugin.prefix,
    apiVersion: plugin.apiVersion,
    source,
    ...(plugin.description ? { description: plugin.description } : {}),
  };
  // Setup registers into a staging list first, so a plugin that fails half-way leaves nothing behind.
  const staged: { component: ComponentDefinition; aliases: readonly string[] }[] = [];
  try {
    plugin.setup({
      apiVersion: PLUGIN_API_VERSION,
      register: (component, options) => {
        staged.push({ component, aliases: options?.aliases ?? [] });
      },
    });
  } catch (error) {
    if (error instanceof OtaiError) throw error;
    throw new OtaiError("OTAI_PLUGIN_LOAD_FAILED", `plugin '${plugin.name}' failed in setup: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const ids = staged.flatMap(({ component, aliases }) => [`${plugin.prefix}:${component.name}`, ...aliases]);
  const clash = ids.find((id, i) => registry.resolve(id) !== undefined || ids.indexOf(id) !== i);
  if (clash !== undefined) {
    const owner = registry.resolve(clash)?.plugin.name ?? plugin.name;
    throw new OtaiError(
      "OTAI_PLUGIN_LOAD_FAILED",
      `component id '${clash}' from plugin '${plugin.name}' is already registered by plugin '${owner}'`,
    );
  }
  registry.addPlugin(info);
  for (const { component, aliases } of staged) registry.add(info, component, aliases);
  return info;
}

function loadFailure(candidate: PluginCandidate, error: unknown): OtaiError {
  if (error instanceof OtaiError) return error;
  if ((error as { code?: string }).code === "ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING") {
    return new OtaiError(
      "OTAI_PLUGIN_LOAD_FAILED",
      `plugin '${candidate.packageName}' points "otai.plugin" at TypeScript (${candidate.entry}); Node runs TypeScript only outside node_modules, so a plugin installed from a registry must ship JavaScript (e.g. "plugin": "./dist/plugin.js")`,
      { cause: error },
    );
  }
  return new OtaiError(
    "OTAI_PLUGIN_LOAD_FAILED",
    `plugin '${candidate.packageName}' failed to load: ${errorMessage(error)}`,
    {
      cause: error,
    },
  );
}

function isPluginDefinition(value: unknown): value is PluginDefinition {
  const v = value as Partial<PluginDefinition> | null;
  return typeof v === "object" && v !== null && typeof v.name === "string" && typeof v.setup === "function";
}

/**
 * @example
 * const { loaded, problems } = await loadPlugins({ registry, builtIn: [basePlugin], candidates: discoverPlugins([cwd]) });
 */
export async function loadPlugins(
  options: LoadPluginsOptions,
): Promise<{ loaded: PluginInfo[]; problems: PluginProblem[] }> {
  const { registry, requirements = [] } = options;
  const loaded: PluginInfo[] = [];
  const problems: PluginProblem[] = [];
  const satisfied = new Set<number>();

  const requirementFor = (plugin: { name: string; prefix: string }) =>
    requirements.findIndex((r) => namesPlugin(r.name, plugin));
  const checkRequirement = (index: number, name: string, version: string): boolean => {
    satisfied.add(index);
    const spec = requirements[index]?.version;
    if (spec === undefined) return true;
    const ok = satisfiesSpec(version, spec);
    if (ok === true) return true;
    problems.push({
      requirement: index,
      error: new OtaiError(
        "OTAI_PLUGIN_INCOMPATIBLE",
        ok === undefined
          ? `cannot read version specifier '${spec}' for plugin '${name}'`
          : `plugin '${name}' is installed at version ${version}, which does not satisfy '${spec}'`,
      ),
    });
    return false;
  };

  for (const plugin of options.builtIn) {
    const index = requirementFor(plugin);
    if (index >= 0) checkRequirement(index, plugin.name, plugin.version);
    loaded.push(registerPlugin(registry, plugin, "built-in"));
  }

  for (const candidate of options.candidates) {
    let index = -1;
    if (requirements.length > 0) {
      // The prefix is not known before import; match on the package name and its known aliases.
      const known = KNOWN_PLUGINS.find((k) => k.package === candidate.packageName);
      index = requirementFor({ name: candidate.packageName, prefix: known?.prefixes[0] ?? candidate.packageName });
      if (index < 0) continue;
      if (!checkRequirement(index, candidate.packageName, candidate.version)) continue;
    }
    if (candidate.apiVersion !== undefined && satisfiesSpec(PLUGIN_API_VERSION, candidate.apiVersion) !== true) {
      problems.push({
        error: incompatible(candidate.packageName, candidate.version, candidate.apiVersion),
        ...(index >= 0 ? { requirement: index } : {}),
      });
      continue;
    }
    try {
      const module = (await import(pathToFileURL(candidate.entry).href)) as { default?: unknown; plugin?: unknown };
      const definition = module.default ?? module.plugin;
      if (!isPluginDefinition(definition)) {
        throw new OtaiError(
          "OTAI_PLUGIN_LOAD_FAILED",
          `package '${candidate.packageName}' declares an otai plugin at ${candidate.entry}, but that module does not default-export definePlugin(...)`,
        );
      }
      loaded.push(registerPlugin(registry, definition, candidate.dir));
    } catch (error) {
      problems.push({ error: loadFailure(candidate, error), ...(index >= 0 ? { requirement: index } : {}) });
    }
  }

  requirements.forEach((requirement, index) => {
    if (satisfied.has(index)) return;
    const known = KNOWN_PLUGINS.find((k) =>
      namesPlugin(requirement.name, { name: k.package, prefix: k.prefixes[0] ?? "" }),
    );
    problems.push({
      requirement: index,
      error: new OtaiError(
        "OTAI_PLUGIN_LOAD_FAILED",
        `plugin '${requirement.name}' is listed in plugins: but not installed${known ? `; install it with: npm install ${known.package}` : ""}`,
      ),
    });
  });
  return { loaded, problems };
}
