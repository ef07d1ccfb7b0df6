/**
 * @module contracts/plugin
 * A plugin is an npm package that declares itself in its `package.json`:
 *
 * ```json
 * { "keywords": ["otai-plugin"], "otai": { "plugin": "./src/plugin.ts", "apiVersion": "^1.0.0" } }
 * ```
 *
 * and whose module default-exports a {@link PluginDefinition} made with {@link definePlugin}. A package
 * installed from a registry must point `plugin` at JavaScript: Node strips types only outside
 * `node_modules`.
 */
import type { ComponentDefinition } from "./component.ts";

/** The plugin API this core offers. A plugin's `apiVersion` range must include it. */
export const PLUGIN_API_VERSION = "1.0.0";

export interface RegisterOptions {
  /** Extra full ids the component also answers to, e.g. OTAI's `otai_zendesk:ZendeskTicketsystemService`. */
  aliases?: readonly string[];
}

export interface PluginApi {
  readonly apiVersion: string;
  register(component: ComponentDefinition, options?: RegisterOptions): void;
}

export interface PluginDefinition {
  /** The npm package name, e.g. `otai-zendesk`. */
  readonly name: string;
  readonly version: string;
  /** The registry prefix: components get ids `<prefix>:<Name>`. */
  readonly prefix: string;
  /** The semver range of the plugin API this plugin was built for. */
  readonly apiVersion: string;
  readonly description?: string;
  setup(api: PluginApi): void;
}

/**
 * Declares a plugin.
 *
 * @example
 * export default definePlugin({
 *   name: "otai-zendesk", version: "1.0.0", prefix: "zendesk", apiVersion: "^1.0.0",
 *   setup(api) {
 *     api.register(ZendeskTicketSystemService, { aliases: ["otai_zendesk:ZendeskTicketsystemService"] });
 *   },
 * });
 */
export function definePlugin(definition: PluginDefinition): PluginDefinition {
  return definition;
}
