/**
 * @module engine/container
 * Services are created once, on first use, shared by every pipe that injects them, and closed in
 * reverse order on shutdown. (OTAI built a new instance on every injection and never closed them.)
 */

import { issuesFromZod } from "../config/issues.ts";
import { configInvalid, type LoadedConfig, type ServiceEntry } from "../config/load.ts";
import { isClassifier } from "../contracts/classifier.ts";
import type { Logger, ServiceDefinition, ServiceKind } from "../contracts/component.ts";
import { isPipeDefinition } from "../contracts/component.ts";
import { emptyContext } from "../contracts/pipe-context.ts";
import { isTicketSystem } from "../contracts/ticket-system.ts";
import { errorMessage, OtaiError } from "../errors.ts";
import type { SecretRegistry } from "../logging/secrets.ts";
import type { ComponentRegistry } from "../plugins/registry.ts";
import type { TemplateRenderer } from "../templates/renderer.ts";

export interface ServiceContainer {
  /** The service `id`, created if needed; throws unless it is of `kind`. */
  get(id: string, kind: ServiceKind, requiredBy: string): Promise<unknown>;
  /** Creates every configured service now, so a bad credential fails at start rather than mid-run. */
  startAll(): Promise<void>;
  /** Instances created so far, by id. */
  created(): ReadonlyMap<string, unknown>;
  closeAll(): Promise<void>;
}

export interface ContainerOptions {
  loaded: LoadedConfig;
  registry: ComponentRegistry;
  renderer: TemplateRenderer;
  logger: Logger;
  secrets: SecretRegistry;
}

const RUNTIME_CHECKS: Partial<Record<ServiceKind, (value: unknown) => boolean>> = {
  "ticket-system": isTicketSystem,
  classifier: isClassifier,
};

export function createContainer(options: ContainerOptions): ServiceContainer {
  const { loaded, registry, renderer, logger, secrets } = options;
  const entries = new Map<string, ServiceEntry>(loaded.services.map((e) => [e.id, e]));
  const instances = new Map<string, Promise<unknown>>();
  const ready = new Map<string, unknown>();
  const order: string[] = [];

  const create = async (entry: ServiceEntry, chain: readonly string[]): Promise<unknown> => {
    const found = registry.resolve(entry.config.use);
    if (!found || isPipeDefinition(found.definition)) {
      throw new OtaiError(
        "OTAI_COMPONENT_UNKNOWN",
        `service '${entry.id}' uses unknown component '${entry.config.use}'`,
      );
    }
    const definition = found.definition as ServiceDefinition<ServiceKind, unknown>;
    const rendered = renderer.renderValue(entry.raw.params ?? {}, emptyContext());
    secrets.addFromParams(rendered);
    const parsed = definition.params.safeParse(rendered);
    if (!parsed.success) {
      throw configInvalid(
        issuesFromZod(parsed.error, {
          raw: entry.raw.params ?? {},
          rawPath: [...entry.path, "params"],
          schema: definition.params,
        }),
      );
    }
    const injected: Record<string, unknown> = {};
    for (const [param, kind] of Object.entries(definition.injects ?? {})) {
      const target = entry.config.injects[param];
      if (target === undefined)
        throw new OtaiError("OTAI_SERVICE_UNKNOWN", `service '${entry.id}' needs '${param}' injected`);
      injected[param] = await get(target, kind, `service '${entry.id}'`, [...chain, entry.id]);
    }
    const child = logger.child({ service: entry.id });
    let instance: unknown;
    try {
      instance = await definition.create(parsed.data, {
        id: entry.id,
        logger: child,
        services: injected,
        baseDir: loaded.baseDir,
        secrets,
      });
    } catch (error) {
      if (error instanceof OtaiError) throw error;
      throw new OtaiError(
        "OTAI_INTERNAL",
        `service '${entry.id}' (${found.id}) failed to start: ${errorMessage(error)}`,
        { cause: error },
      );
    }
    const check = RUNTIME_CHECKS[definition.kind];
    if (check && !check(instance)) {
      throw new OtaiError(
        "OTAI_SERVICE_WRONG_KIND",
        `service '${entry.id}' (${found.id}) says it is a ${definition.kind} but does not implement its methods`,
      );
    }
    order.push(entry.id);
    ready.set(entry.id, instance);
    child.debug({ use: found.id }, "service started");
    return instance;
  };

  const get = (id: string, kind: ServiceKind, requiredBy: string, chain: readonly string[] = []): Promise<unknown> => {
    const entry = entries.get(id);
    if (!entry) {
      return Promise.reject(
        new OtaiError("OTAI_SERVICE_UNKNOWN", `${requiredBy} injects unknown service '${id}'`, { details: { id } }),
      );
    }
    const found = registry.resolve(entry.config.use);
    const actual = found && !isPipeDefinition(found.definition) ? found.definition.kind : undefined;
    if (actual !== undefined && kind !== "service" && actual !== kind) {
      return Promise.reject(
        new OtaiError("OTAI_SERVICE_WRONG_KIND", `${requiredBy} needs a ${kind}, but service '${id}' is a ${actual}`),
      );
    }
    if (chain.includes(id)) {
      return Promise.reject(
        new OtaiError("OTAI_CONFIG_INVALID", `services inject each other in a cycle: ${[...chain, id].join(" → ")}`),
      );
    }
    let instance = instances.get(id);
    if (!instance) {
      instance = create(entry, chain);
      instances.set(id, instance);
    }
    return instance;
  };

  return {
    get: (id, kind, requiredBy) => get(id, kind, requiredBy),
    async startAll() {
      for (const entry of entries.values()) await get(entry.id, "service", "startup");
    },
    created: () => ready,
    async closeAll() {
      for (const id of order.reverse()) {
        const instance = ready.get(id) as { close?: () => unknown } | undefined;
        try {
          await instance?.close?.();
        } catch (error) {
          logger.warn({ service: id, err: errorMessage(error) }, "service failed to close");
        }
      }
      order.length = 0;
      ready.clear();
      instances.clear();
    },
  };
}
