/**
 * @module config/validate
 * Checks a parsed config against the registry: every `use` resolves to a component of the right kind,
 * every `injects` names a declared parameter and an existing service of the right kind, params match
 * the component's schema, and templates parse. Templates are checked for syntax only; their values are
 * only known when they render.
 */
import type { ComponentDefinition, ServiceKind } from "../contracts/component.ts";
import { isPipeDefinition } from "../contracts/component.ts";
import { emptyContext } from "../contracts/pipe-context.ts";
import { errorMessage, isOtaiError } from "../errors.ts";
import { knownPluginFor } from "../plugins/known-plugins.ts";
import type { ComponentRegistry } from "../plugins/registry.ts";
import type { TemplateRenderer } from "../templates/renderer.ts";
import { didYouMean } from "./did-you-mean.ts";
import { type ConfigIssue, formatPath, issuesFromZod, type PathSegment, sortIssues } from "./issues.ts";
import type { LoadedConfig, ServiceEntry } from "./load.ts";
import { PipeConfigSchema } from "./schema.ts";
import { positionOf, positionOfKey, type SourcePosition } from "./source.ts";

export interface ValidateOptions {
  registry: ComponentRegistry;
  renderer: TemplateRenderer;
  /** Render service params now, so a missing env var is reported before the run. */
  renderServices?: boolean;
}

const SERVICE_KINDS: readonly ServiceKind[] = ["ticket-system", "classifier", "template-renderer", "service"];

function unknownComponent(id: string, registry: ComponentRegistry, wanted: "pipe" | "service"): string {
  const known = knownPluginFor(id);
  if (known) {
    const installed = registry.plugins().some((p) => p.name === known.package);
    if (!installed) {
      return `it is provided by the plugin '${known.package}'${known.python ? ` (OTAI Python: ${known.python})` : ""}, which is not installed: npm install ${known.package}`;
    }
  }
  const candidates = registry
    .components()
    .filter((c) => (wanted === "pipe" ? isPipeDefinition(c.definition) : !isPipeDefinition(c.definition)))
    .flatMap((c) => [c.id, ...c.aliases]);
  const suggestion = didYouMean(id, candidates);
  if (suggestion) return `did you mean '${suggestion}'?`;
  return known
    ? `plugin '${known.package}' is installed but has no component '${id}'; run 'otai plugins' to list ids`
    : "run 'otai plugins' to list the installed components";
}

/**
 * Returns every issue in the config (structural ones included), in file order.
 *
 * @example
 * const issues = validateConfig(readConfig({ path }), { registry, renderer });
 * if (issues.length) console.error(issues.map(formatIssue).join("\n"));
 */
export function validateConfig(loaded: LoadedConfig, options: ValidateOptions): ConfigIssue[] {
  const { registry, renderer } = options;
  const issues: ConfigIssue[] = [...loaded.issues];
  const services = new Map<string, { entry: ServiceEntry; kind?: ServiceKind }>();

  const checkTemplates = (value: unknown, parent: unknown, key: string | number, path: PathSegment[]) => {
    if (typeof value === "string") {
      if (!renderer.isTemplate(value)) return;
      const problem = renderer.check(value);
      if (problem)
        issues.push({
          position: positionOfKey(parent, key),
          path: formatPath(path),
          message: `template does not parse: ${problem}`,
        });
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) checkTemplates(item, value, i, [...path, i]);
    } else if (typeof value === "object" && value !== null) {
      for (const [k, item] of Object.entries(value)) checkTemplates(item, value, k, [...path, k]);
    }
  };

  const checkParams = (
    definition: ComponentDefinition,
    raw: Record<string, unknown>,
    path: PathSegment[],
    skip: readonly string[],
  ) => {
    const params = (raw.params ?? {}) as Record<string, unknown>;
    if (typeof params !== "object" || Array.isArray(params)) return;
    const result = definition.params.safeParse(params);
    if (!result.success) {
      issues.push(
        ...issuesFromZod(result.error, {
          raw: params,
          rawPath: [...path, "params"],
          schema: definition.params,
          isTemplate: (v) => renderer.isTemplate(v),
          fallbackPosition: positionOf(raw, ["params"]) ?? positionOf(raw, ["use"]),
        }),
      );
    }
    for (const [key, value] of Object.entries(params)) {
      if (!skip.includes(key)) checkTemplates(value, params, key, [...path, "params", key]);
    }
  };

  const checkInjects = (definition: ComponentDefinition, raw: Record<string, unknown>, path: PathSegment[]) => {
    const declared = definition.injects ?? {};
    const injects = (raw.injects ?? {}) as Record<string, unknown>;
    for (const [param, serviceId] of Object.entries(injects)) {
      const where = positionOf(raw, ["injects", param], { key: true });
      const kind = declared[param];
      if (kind === undefined) {
        const suggestion = didYouMean(param, Object.keys(declared));
        issues.push({
          position: where,
          path: formatPath([...path, "injects", param]),
          message: `'${definition.name}' takes no injected service '${param}'`,
          hint: suggestion
            ? `did you mean '${suggestion}'?`
            : `it takes: ${Object.keys(declared).join(", ") || "none"}`,
        });
        continue;
      }
      const target = services.get(String(serviceId));
      if (!target && loaded.invalidServiceIds.includes(String(serviceId))) continue;
      if (!target) {
        const suggestion = didYouMean(String(serviceId), services.keys());
        issues.push({
          position: positionOf(raw, ["injects", param]),
          path: formatPath([...path, "injects", param]),
          message: `unknown service '${String(serviceId)}'`,
          hint: suggestion
            ? `did you mean '${suggestion}'?`
            : `defined services: ${[...services.keys()].join(", ") || "none"}`,
        });
      } else if (target.kind !== undefined && kind !== "service" && target.kind !== kind) {
        issues.push({
          position: positionOf(raw, ["injects", param]),
          path: formatPath([...path, "injects", param]),
          message: `service '${String(serviceId)}' is a ${target.kind}, but '${param}' needs a ${kind}`,
        });
      }
    }
    for (const param of Object.keys(declared)) {
      if (!(param in injects)) {
        issues.push({
          position: positionOf(raw, ["use"]),
          path: formatPath([...path, "injects"]),
          message: `'${definition.name}' needs a ${declared[param]} injected as '${param}'`,
          hint: `add: injects: { ${param}: <service id> }`,
        });
      }
    }
  };

  // Services first, so pipes can check their injects against them.
  for (const entry of loaded.services) {
    const found = registry.resolve(entry.config.use);
    const usePath = formatPath([...entry.path, "use"]);
    if (!found) {
      issues.push({
        position: positionOf(entry.raw, ["use"]),
        path: usePath,
        message: `unknown component '${entry.config.use}'`,
        hint: unknownComponent(entry.config.use, registry, "service"),
      });
      services.set(entry.id, { entry });
      continue;
    }
    const { definition } = found;
    if (isPipeDefinition(definition) || !SERVICE_KINDS.includes(definition.kind)) {
      issues.push({
        position: positionOf(entry.raw, ["use"]),
        path: usePath,
        message: `'${found.id}' is a pipe, not a service`,
      });
      continue;
    }
    if (entry.section === "ticket_systems" && definition.kind !== "ticket-system") {
      issues.push({
        position: positionOf(entry.raw, ["use"]),
        path: usePath,
        message: `'${found.id}' is a ${definition.kind}, not a ticket system`,
      });
    }
    services.set(entry.id, { entry, kind: definition.kind });
  }
  const renderers = [...services.values()].filter((s) => s.kind === "template-renderer");
  if (renderers.length > 1) {
    const second = renderers[1]?.entry;
    issues.push({
      position: second ? positionOf(second.raw, ["use"]) : undefined,
      path: second ? formatPath(second.path) : "services",
      message: "more than one template renderer is configured; configure at most one",
    });
  }
  for (const { entry } of services.values()) {
    const found = registry.resolve(entry.config.use);
    if (found && !isPipeDefinition(found.definition)) {
      checkInjects(found.definition, entry.raw, entry.path);
      checkParams(found.definition, entry.raw, entry.path, []);
    }
    // Even for an unknown component: a missing env var is worth reporting in the same pass.
    if (options.renderServices) {
      try {
        renderer.renderValue(entry.raw.params ?? {}, emptyContext());
      } catch (error) {
        const details = isOtaiError(error) ? error.details : {};
        issues.push({
          position: (details.position as SourcePosition | undefined) ?? positionOf(entry.raw, ["params"]),
          path: formatPath([...entry.path, "params"]),
          message:
            typeof details.reason === "string"
              ? `${details.reason} (in ${String(details.template)})`
              : errorMessage(error),
        });
      }
    }
  }

  const checkPipe = (raw: unknown, path: PathSegment[], parent: unknown, key: PathSegment) => {
    if (renderer.isTemplate(raw)) {
      issues.push({
        position: positionOfKey(parent, key),
        path: formatPath(path),
        message: "a pipe config cannot be a template; write the pipe here",
      });
      return;
    }
    const shape = PipeConfigSchema.safeParse(raw);
    if (!shape.success) {
      const hint = typeof raw === "object" && raw !== null && "steps" in raw ? ["steps belong under params:"] : [];
      issues.push(
        ...issuesFromZod(shape.error, { raw, rawPath: path, schema: PipeConfigSchema }).map((issue) =>
          hint[0] && issue.message.includes("'steps'") ? { ...issue, hint: hint[0] } : issue,
        ),
      );
      if (typeof raw !== "object" || raw === null || typeof (raw as { use?: unknown }).use !== "string") return;
    }
    const config = raw as Record<string, unknown>;
    const use = String(config.use);
    const found = registry.resolve(use);
    if (!found) {
      issues.push({
        position: positionOf(config, ["use"]),
        path: formatPath([...path, "use"]),
        message: `unknown component '${use}'`,
        hint: unknownComponent(use, registry, "pipe"),
      });
      return;
    }
    if (!isPipeDefinition(found.definition)) {
      issues.push({
        position: positionOf(config, ["use"]),
        path: formatPath([...path, "use"]),
        message: `'${found.id}' is a ${found.definition.kind} service, not a pipe`,
        hint: "define it under services: and inject it into a pipe",
      });
      return;
    }
    const definition = found.definition;
    if (config.when !== undefined) checkTemplates(config.when, config, "when", [...path, "when"]);
    checkInjects(definition, config, path);
    const children = definition.children ?? {};
    checkParams(definition, config, path, Object.keys(children));
    const params = (config.params ?? {}) as Record<string, unknown>;
    for (const [name, arity] of Object.entries(children)) {
      const value = params[name];
      const childPath = [...path, "params", name];
      if (value === undefined || value === null) continue;
      if (arity === "one") {
        checkPipe(value, childPath, params, name);
      } else if (Array.isArray(value)) {
        const ids = new Map<string, number>();
        value.forEach((step, i) => {
          checkPipe(step, [...childPath, i], value, i);
          const id = (step as { id?: unknown } | null)?.id;
          if (typeof id !== "string") return;
          if (ids.has(id)) {
            issues.push({
              position: positionOf(step, ["id"]),
              path: formatPath([...childPath, i, "id"]),
              message: `step id '${id}' is used twice in this list; the later result would hide the earlier one`,
            });
          }
          ids.set(id, i);
        });
      }
    }
  };

  const orchestrator = loaded.raw.orchestrator;
  if (orchestrator === undefined) {
    if (loaded.issues.length === 0) {
      issues.push({
        position: positionOf(loaded.document, loaded.rootPath, { key: true }),
        path: formatPath(loaded.rootPath),
        message: "no orchestrator: there is nothing to run",
        hint: "add orchestrator: { use: 'base:SimpleSequentialOrchestrator', params: { steps: [...] } }",
      });
    }
  } else {
    checkPipe(orchestrator, [...loaded.rootPath, "orchestrator"], loaded.raw, "orchestrator");
  }
  return sortIssues(issues);
}
