/**
 * @module config/json-schema
 * A JSON Schema of `config.yml` for the installed components, so editors (YAML language server) can
 * complete ids and params and flag typos while the admin types. It is generated from the same zod
 * schemas the loader checks, so it cannot drift from them. Any value may be a template instead.
 */
import { z } from "zod";
import { isPipeDefinition } from "../contracts/component.ts";
import type { ComponentRegistry, RegisteredComponent } from "../plugins/registry.ts";
import { EngineConfigSchema, LoggingConfigSchema, PluginRequirementSchema, ROOT_KEYS } from "./schema.ts";

type Schema = Record<string, unknown>;

const TEMPLATE: Schema = { type: "string", pattern: "\\{\\{|\\{%", description: "a Jinja template" };
const TEMPLATE_REF = { $ref: "#/$defs/template" };

function toSchema(schema: z.ZodType): Schema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Schema;
  return rest;
}

// Wherever a value is expected, a template may stand instead; it only gets its type when rendered.
function allowTemplates(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(allowTemplates);
  if (typeof node !== "object" || node === null) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" && typeof value === "object" && value !== null) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withTemplate(allowTemplates(v))]));
    } else if ((key === "items" || key === "additionalProperties") && typeof value === "object" && value !== null) {
      out[key] = withTemplate(allowTemplates(value));
    } else if (key === "anyOf" || key === "oneOf" || key === "allOf") {
      out[key] = allowTemplates(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function withTemplate(node: unknown): unknown {
  if (typeof node !== "object" || node === null) return node;
  const schema = node as Schema;
  if (schema.type === "string" && schema.pattern === undefined && schema.enum === undefined) return schema;
  if (Object.keys(schema).length === 0) return schema;
  return { anyOf: [schema, TEMPLATE_REF] };
}

function entry(component: RegisteredComponent): Schema {
  const { definition } = component;
  const params = allowTemplates(toSchema(definition.params)) as Schema;
  const properties = (params.properties ?? {}) as Schema;
  for (const [name, arity] of Object.entries(isPipeDefinition(definition) ? (definition.children ?? {}) : {})) {
    properties[name] = arity === "many" ? { type: "array", items: { $ref: "#/$defs/pipe" } } : { $ref: "#/$defs/pipe" };
  }
  const injects = Object.keys(definition.injects ?? {});
  return {
    type: "object",
    description: `${component.id} (${definition.kind})${definition.description ? `: ${definition.description}` : ""}`,
    properties: {
      id: { type: "string" },
      use: { enum: [component.id, ...component.aliases] },
      ...(isPipeDefinition(definition)
        ? { when: { anyOf: [{ type: "boolean" }, TEMPLATE_REF], description: "skip the step when false" } }
        : {}),
      injects: {
        type: "object",
        properties: Object.fromEntries(injects.map((name) => [name, { type: "string", description: "a service id" }])),
        additionalProperties: false,
      },
      params: { ...params, properties },
    },
    required: ["use", ...(injects.length ? ["injects"] : [])],
    additionalProperties: false,
  };
}

/**
 * @example
 * writeFileSync("otai.schema.json", JSON.stringify(configJsonSchema(registry), null, 2));
 */
export function configJsonSchema(registry: ComponentRegistry): Schema {
  const components = registry.components();
  const pick = (test: (c: RegisteredComponent) => boolean) => ({ anyOf: components.filter(test).map(entry) });
  const services = { type: "object", additionalProperties: { $ref: "#/$defs/service" } };
  const ticketSystems = { type: "object", additionalProperties: { $ref: "#/$defs/ticket_system" } };
  const config = {
    type: "object",
    properties: {
      api_version: { type: "string", description: "PEP 440 or semver range, e.g. '>=1.0.0'" },
      plugins: { type: "array", items: toSchema(PluginRequirementSchema) },
      infrastructure: {
        type: "object",
        properties: { logging: toSchema(LoggingConfigSchema) },
        additionalProperties: false,
      },
      services: {
        anyOf: [services, { type: "array", items: { allOf: [{ $ref: "#/$defs/service" }, { required: ["id"] }] } }],
      },
      ticket_systems: ticketSystems,
      engine: toSchema(EngineConfigSchema),
      orchestrator: { $ref: "#/$defs/pipe" },
    },
    additionalProperties: false,
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Open Ticket AI config.yml",
    type: "object",
    properties: {
      ...Object.fromEntries(ROOT_KEYS.map((key) => [key, { $ref: "#/$defs/config" }])),
      ticket_systems: ticketSystems,
    },
    additionalProperties: false,
    minProperties: 1,
    $defs: {
      template: TEMPLATE,
      config,
      pipe: pick((c) => isPipeDefinition(c.definition)),
      service: pick((c) => !isPipeDefinition(c.definition)),
      ticket_system: pick((c) => c.definition.kind === "ticket-system"),
    },
  };
}
