/**
 * @module plugins/registry
 * Component ids → definitions. Ids are `<prefix>:<Name>`, as in OTAI (`base:CompositePipe`).
 */
import type { ComponentDefinition } from "../contracts/component.ts";
import { OtaiError } from "../errors.ts";

export interface PluginInfo {
  name: string;
  version: string;
  prefix: string;
  apiVersion: string;
  description?: string;
  /** `built-in`, or the directory of the package it was loaded from. */
  source: string;
}

export interface RegisteredComponent {
  id: string;
  aliases: readonly string[];
  definition: ComponentDefinition;
  plugin: PluginInfo;
}

export interface ComponentRegistry {
  add(plugin: PluginInfo, definition: ComponentDefinition, aliases?: readonly string[]): RegisteredComponent;
  addPlugin(plugin: PluginInfo): void;
  resolve(id: string): RegisteredComponent | undefined;
  /** Every id and alias, for suggestions. */
  ids(): string[];
  components(): RegisteredComponent[];
  plugins(): PluginInfo[];
}

/**
 * @example
 * const registry = createRegistry();
 * registry.add(plugin, CompositePipe); // registered as "base:CompositePipe"
 * registry.resolve("base:CompositePipe")?.definition.kind; // "pipe"
 */
export function createRegistry(): ComponentRegistry {
  const byId = new Map<string, RegisteredComponent>();
  const all: RegisteredComponent[] = [];
  const plugins = new Map<string, PluginInfo>();
  return {
    addPlugin(plugin) {
      plugins.set(plugin.name, plugin);
    },
    add(plugin, definition, aliases = []) {
      plugins.set(plugin.name, plugin);
      const entry: RegisteredComponent = { id: `${plugin.prefix}:${definition.name}`, aliases, definition, plugin };
      for (const id of [entry.id, ...aliases]) {
        const existing = byId.get(id);
        if (existing) {
          throw new OtaiError(
            "OTAI_PLUGIN_LOAD_FAILED",
            `component id '${id}' from plugin '${plugin.name}' is already registered by plugin '${existing.plugin.name}'`,
          );
        }
        byId.set(id, entry);
      }
      all.push(entry);
      return entry;
    },
    resolve: (id) => byId.get(id),
    ids: () => [...byId.keys()],
    components: () => [...all],
    plugins: () => [...plugins.values()],
  };
}
