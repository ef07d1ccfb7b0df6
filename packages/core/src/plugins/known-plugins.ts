/**
 * @module plugins/known-plugins
 * Where components come from, so that a config naming a component of a plugin that is not installed
 * gets told which package to install, rather than only "unknown id".
 */

export interface KnownPlugin {
  /** The npm package that provides it. */
  package: string;
  /** OTAI's Python distribution of the same plugin, if any. */
  python?: string;
  prefixes: readonly string[];
}

export const KNOWN_PLUGINS: readonly KnownPlugin[] = [
  { package: "@otai/core", python: "otai-base", prefixes: ["base", "otai_base"] },
  { package: "otai-zendesk", prefixes: ["zendesk", "otai_zendesk", "otai-zendesk"] },
  { package: "otai-freshdesk", prefixes: ["freshdesk", "otai_freshdesk", "otai-freshdesk"] },
  { package: "otai-zammad", python: "otai-zammad", prefixes: ["zammad", "otai_zammad", "otai-zammad"] },
  {
    package: "otai-otobo-znuny",
    python: "otai-otobo-znuny",
    prefixes: ["otobo-znuny", "otobo_znuny", "otai_otobo_znuny"],
  },
  { package: "otai-hf-local", python: "otai-hf-local", prefixes: ["hf-local", "hf_local", "otai_hf_local"] },
];

/** The known plugin that provides component `id`, judged by its prefix. */
export function knownPluginFor(id: string): KnownPlugin | undefined {
  const prefix = id.includes(":") ? id.slice(0, id.indexOf(":")) : undefined;
  return prefix === undefined ? undefined : KNOWN_PLUGINS.find((plugin) => plugin.prefixes.includes(prefix));
}

/** Whether a `plugins:` entry (npm or Python name, or prefix) names this plugin. */
export function namesPlugin(requested: string, plugin: { name: string; prefix: string }): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/_/g, "-");
  const wanted = norm(requested);
  if ([plugin.name, plugin.prefix].some((n) => norm(n) === wanted)) return true;
  const known = KNOWN_PLUGINS.find((k) => k.package === plugin.name || k.prefixes.includes(plugin.prefix));
  return known !== undefined && [known.package, known.python ?? "", ...known.prefixes].some((n) => norm(n) === wanted);
}
