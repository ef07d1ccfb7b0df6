/**
 * @module config/load
 * Finds, reads and structurally validates `config.yml`. Component-level checks (ids, params, injects)
 * need the plugin registry and live in `validate.ts`.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { OtaiError } from "../errors.ts";
import { didYouMean } from "./did-you-mean.ts";
import { loadEnv } from "./env-file.ts";
import { type ConfigIssue, formatIssue, formatPath, issuesFromZod, type PathSegment } from "./issues.ts";
import {
  type OtaiConfigParsed,
  OtaiConfigSchema,
  ROOT_KEYS,
  type ServiceConfig,
  ServiceConfigSchema,
} from "./schema.ts";
import { parseYamlWithSource, positionOf } from "./source.ts";

/** A service entry with where it is written. */
export interface ServiceEntry {
  id: string;
  config: ServiceConfig;
  raw: Record<string, unknown>;
  path: PathSegment[];
  /** `ticket_systems` entries must be ticket systems. */
  section: "services" | "ticket_systems";
}

export interface LoadedConfig {
  file: string;
  baseDir: string;
  /** The whole parsed file. */
  document: unknown;
  /** The root object (under `open_ticket_ai`, `otai` or `cfg`) and its path. */
  raw: Record<string, unknown>;
  rootPath: PathSegment[];
  config: OtaiConfigParsed;
  services: ServiceEntry[];
  /** Ids of service entries too malformed to use (each already has an issue). */
  invalidServiceIds: string[];
  env: Record<string, string | undefined>;
  /** Structural issues; empty when the file is well formed. */
  issues: ConfigIssue[];
}

export interface ConfigLocation {
  /** `--config`; otherwise `OTAI_CONFIG`, otherwise `./config.yml`. */
  path?: string | undefined;
  cwd?: string;
  environment?: NodeJS.ProcessEnv;
}

/** Which file `otai` reads, by OTAI's rules plus `OTAI_CONFIG`. */
export function resolveConfigPath(location: ConfigLocation = {}): string {
  const cwd = location.cwd ?? process.cwd();
  const environment = location.environment ?? process.env;
  return resolve(cwd, location.path ?? environment.OTAI_CONFIG ?? "config.yml");
}

/** Throws OTAI_CONFIG_INVALID listing every issue. */
export function configInvalid(issues: ConfigIssue[]): OtaiError {
  const noun = issues.length === 1 ? "problem" : "problems";
  return new OtaiError(
    "OTAI_CONFIG_INVALID",
    `config has ${issues.length} ${noun}:\n${issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`,
    {
      details: { issues },
    },
  );
}

/**
 * Reads and parses the config. Structural issues are returned in `issues`, not thrown, so that
 * validation can add the component issues and report everything at once.
 *
 * @example
 * const loaded = readConfig({ path: "examples/quickstart/config.yml" });
 * loaded.services.map((s) => s.id);
 */
export function readConfig(location: ConfigLocation = {}): LoadedConfig {
  const file = resolveConfigPath(location);
  if (!existsSync(file)) {
    throw new OtaiError(
      "OTAI_CONFIG_NOT_FOUND",
      `config file not found: ${file} (set it with --config PATH or the OTAI_CONFIG environment variable)`,
      { details: { file } },
    );
  }
  const text = readFileSync(file, "utf8");
  const cwd = location.cwd ?? process.cwd();
  const shown = relative(cwd, file);
  return parseConfigText(text, file, loadEnv([cwd, dirname(file)], location.environment), {
    // Messages name the file as the admin would type it.
    displayName: shown.startsWith("..") || isAbsolute(shown) ? file : shown,
  });
}

/** Parses config text; `file` is used for relative paths, `displayName` (default `file`) in messages. */
export function parseConfigText(
  text: string,
  file: string,
  env: Record<string, string | undefined> = {},
  options: { displayName?: string } = {},
): LoadedConfig {
  const { value: document, errors } = parseYamlWithSource(text, options.displayName ?? file);
  const issues: ConfigIssue[] = errors.map((e) => ({
    position: e.position,
    path: "",
    message: `YAML syntax error: ${e.message}`,
  }));
  const fallback = (): LoadedConfig => ({
    file,
    baseDir: dirname(file),
    document,
    raw: {},
    rootPath: [],
    config: OtaiConfigSchema.parse({}),
    services: [],
    invalidServiceIds: [],
    env,
    issues,
  });
  if (issues.length > 0) return fallback();
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    issues.push({
      position: { file: options.displayName ?? file, line: 1, col: 1 },
      path: "",
      message: `expected a mapping with root key ${ROOT_KEYS.join(", ")}`,
    });
    return fallback();
  }
  const top = document as Record<string, unknown>;
  const roots = ROOT_KEYS.filter((key) => key in top);
  const rootKey = roots[0];
  if (rootKey === undefined || roots.length > 1) {
    const misspelled = Object.keys(top).find((key) => didYouMean(key, ROOT_KEYS) !== undefined);
    const suggestion = misspelled === undefined ? undefined : didYouMean(misspelled, ROOT_KEYS);
    const at = roots.length > 1 ? roots[1] : misspelled;
    issues.push({
      position: positionOf(document, at === undefined ? [] : [at], { key: true }),
      path: "",
      message:
        roots.length > 1
          ? `more than one root key (${roots.join(", ")}); use exactly one`
          : `missing root key: expected one of ${ROOT_KEYS.join(", ")}`,
      ...(suggestion ? { hint: `did you mean '${suggestion}'?` } : {}),
    });
    return fallback();
  }
  // The Zendesk and Zammad guides show `ticket_systems:` beside the root; it means the same as inside it.
  for (const key of Object.keys(top)) {
    if (key === rootKey || key === "ticket_systems") continue;
    issues.push({
      position: positionOf(document, [key], { key: true }),
      path: key,
      message: `unknown top-level key '${key}'`,
      hint: `everything goes under '${rootKey}:'`,
    });
  }
  const raw = (top[rootKey] ?? {}) as Record<string, unknown>;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    issues.push({ position: positionOf(document, [rootKey]), path: rootKey, message: "expected a mapping" });
    return fallback();
  }
  const parsed = OtaiConfigSchema.safeParse(raw);
  if (!parsed.success)
    issues.push(...issuesFromZod(parsed.error, { raw, rawPath: [rootKey], schema: OtaiConfigSchema }));
  const config = parsed.success ? parsed.data : OtaiConfigSchema.parse({});

  const services: ServiceEntry[] = [];
  const invalidServiceIds: string[] = [];
  const seen = new Set<string>();
  const addService = (id: string, entry: unknown, path: PathSegment[], section: ServiceEntry["section"]) => {
    if (seen.has(id)) {
      issues.push({
        position: positionOf(document, path, { key: true }),
        path: formatPath(path),
        message: `service id '${id}' is defined twice`,
        hint: "service ids must be unique across services and ticket_systems",
      });
      return;
    }
    seen.add(id);
    const one = ServiceConfigSchema.safeParse(entry);
    if (one.success) {
      services.push({ id, config: one.data, raw: entry as Record<string, unknown>, path, section });
      return;
    }
    issues.push(...issuesFromZod(one.error, { raw: entry, rawPath: path, schema: ServiceConfigSchema }));
    // Its id is still known, so pipes that inject it do not get a second, misleading "unknown service".
    invalidServiceIds.push(id);
  };
  const rawServices = raw.services;
  if (Array.isArray(rawServices)) {
    for (const [i, entry] of rawServices.entries()) {
      const id = (entry as { id?: unknown } | null)?.id;
      if (typeof id === "string") addService(id, entry, [rootKey, "services", i], "services");
      else {
        issues.push({
          position: positionOf(raw, ["services", i]),
          path: formatPath([rootKey, "services", i]),
          message: "a service in a list needs an id",
          hint: "add id: <name>, or write services as a mapping of id to service",
        });
      }
    }
  } else if (typeof rawServices === "object" && rawServices !== null) {
    for (const [id, entry] of Object.entries(rawServices)) addService(id, entry, [rootKey, "services", id], "services");
  }
  for (const [source, base] of [
    [raw.ticket_systems, [rootKey]],
    [top.ticket_systems, []],
  ] as const) {
    if (source === undefined || source === null) continue;
    if (typeof source !== "object" || Array.isArray(source)) {
      issues.push({
        position: positionOf(document, [...base, "ticket_systems"]),
        path: formatPath([...base, "ticket_systems"]),
        message: "expected a mapping of id to ticket system",
      });
      continue;
    }
    for (const [id, entry] of Object.entries(source))
      addService(id, entry, [...base, "ticket_systems", id], "ticket_systems");
  }
  return {
    file,
    baseDir: dirname(file),
    document,
    raw,
    rootPath: [rootKey],
    config,
    services,
    invalidServiceIds,
    env,
    issues,
  };
}
