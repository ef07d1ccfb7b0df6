/**
 * @module engine/prepare
 * Everything before a run: read the config, load plugins, validate, and collect every problem.
 * `otai validate` stops here; `otai run` goes on to create services and run the orchestrator.
 */

import { type ConfigIssue, sortIssues } from "../config/issues.ts";
import type { LoadedConfig } from "../config/load.ts";
import { readConfig } from "../config/load.ts";
import { positionOf } from "../config/source.ts";
import { validateConfig } from "../config/validate.ts";
import { PLUGIN_API_VERSION, type PluginDefinition } from "../contracts/plugin.ts";
import { createSecretRegistry, SECRET_NAME, type SecretRegistry } from "../logging/secrets.ts";
import { basePlugin } from "../pipes/base-plugin.ts";
import { discoverPlugins } from "../plugins/discover.ts";
import { loadPlugins } from "../plugins/load.ts";
import { type ComponentRegistry, createRegistry, type PluginInfo } from "../plugins/registry.ts";
import { satisfiesSpec } from "../plugins/versions.ts";
import { createTemplateRenderer, type TemplateRenderer } from "../templates/renderer.ts";

export interface PrepareOptions {
  /** `--config`; otherwise `OTAI_CONFIG`, otherwise `./config.yml`. */
  config?: string | undefined;
  cwd?: string;
  environment?: NodeJS.ProcessEnv;
  /** Plugins given in-process, e.g. by tests; they load beside the discovered ones. */
  plugins?: readonly PluginDefinition[];
  /** Look for installed plugin packages (default true). */
  discover?: boolean;
  /** Render service params during validation, so missing env vars are reported (default true). */
  renderServices?: boolean;
}

export interface Prepared {
  loaded: LoadedConfig;
  registry: ComponentRegistry;
  renderer: TemplateRenderer;
  secrets: SecretRegistry;
  plugins: PluginInfo[];
  issues: ConfigIssue[];
}

/** Where installed plugins are looked for: the working directory, the config's and this package's. */
export function pluginSearchDirs(cwd: string, configDir?: string): string[] {
  return [cwd, ...(configDir ? [configDir] : []), import.meta.dirname];
}

/**
 * Loads a registry with the built-in and installed plugins, without a config (for `otai plugins`).
 *
 * @example
 * const { registry, problems } = await loadRegistry({ cwd: process.cwd() });
 */
export async function loadRegistry(
  options: { cwd?: string; plugins?: readonly PluginDefinition[]; discover?: boolean } = {},
) {
  const registry = createRegistry();
  const { loaded, problems } = await loadPlugins({
    registry,
    builtIn: [basePlugin, ...(options.plugins ?? [])],
    candidates: options.discover === false ? [] : discoverPlugins(pluginSearchDirs(options.cwd ?? process.cwd())),
  });
  return { registry, plugins: loaded, problems };
}

/**
 * @example
 * const prepared = await prepare({ config: "config.yml" });
 * if (prepared.issues.length) for (const issue of prepared.issues) console.error(formatIssue(issue));
 */
export async function prepare(options: PrepareOptions = {}): Promise<Prepared> {
  const cwd = options.cwd ?? process.cwd();
  const secrets = createSecretRegistry();
  const loaded = readConfig({
    path: options.config,
    cwd,
    ...(options.environment ? { environment: options.environment } : {}),
  });
  const renderer = createTemplateRenderer({
    env: loaded.env,
    onEnvValue: (name, value) => {
      if (SECRET_NAME.test(name)) secrets.add(value);
    },
  });
  const registry = createRegistry();
  const { loaded: plugins, problems } = await loadPlugins({
    registry,
    builtIn: [basePlugin, ...(options.plugins ?? [])],
    candidates: options.discover === false ? [] : discoverPlugins(pluginSearchDirs(cwd, loaded.baseDir)),
    requirements: loaded.config.plugins,
  });
  const issues: ConfigIssue[] = problems.map((problem) => ({
    position: positionOf(
      loaded.raw,
      problem.requirement === undefined ? ["plugins"] : ["plugins", problem.requirement],
    ),
    path: [
      ...loaded.rootPath,
      "plugins",
      ...(problem.requirement === undefined ? [] : [`[${problem.requirement}]`]),
    ].join("."),
    message: problem.error.message,
  }));
  const apiOk = satisfiesSpec(PLUGIN_API_VERSION, loaded.config.api_version);
  if (apiOk !== true) {
    issues.push({
      position: positionOf(loaded.raw, ["api_version"]),
      path: [...loaded.rootPath, "api_version"].join("."),
      message:
        apiOk === undefined
          ? `cannot read api_version '${loaded.config.api_version}': expected a version specifier such as '>=1.0.0'`
          : `this OTAI implements API ${PLUGIN_API_VERSION}, which does not satisfy api_version '${loaded.config.api_version}'`,
    });
  }
  issues.push(...validateConfig(loaded, { registry, renderer, renderServices: options.renderServices ?? true }));
  return { loaded, registry, renderer, secrets, plugins, issues: sortIssues(issues) };
}
