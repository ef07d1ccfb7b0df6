/**
 * @module openapi/schema-validators
 * The ajv machinery shared by request and response validation: one pair of ajv instances per
 * spec (with every component schema registered once, so `$ref`s resolve), compiled validators cached
 * by key, and ajv's errors turned into messages that name the wire location (`page[size]`, `body/ticket/priority`).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { addOpenApiFormats } from "./formats.ts";
import { toJsonSchema } from "./to-json-schema.ts";
import type { OpenApiDocument, OpenApiSchema } from "./types.ts";

/** The id under which a spec's components are registered; converted `$ref`s start with it. */
export const REF_PREFIX = "oas";

export interface Validators {
  /** Bodies are JSON already: no coercion, so `"1"` for an integer is an error. */
  body: Ajv;
  /** Path and query values arrive as text and are coerced to the declared types first. */
  params: Ajv;
  compiled: Map<string, ValidateFunction>;
}

const validatorsBySpec = new WeakMap<OpenApiDocument, Validators>();

/**
 * The validators of `spec`, built on first use.
 *
 * @example
 * const check = compileCached(validatorsFor(spec), "put /x body", "body", () => ({ type: "object" }));
 */
export function validatorsFor(spec: OpenApiDocument): Validators {
  let validators = validatorsBySpec.get(spec);
  if (!validators) {
    const schemas = Object.fromEntries(
      Object.entries(spec.components?.schemas ?? {}).map(([name, schema]) => [name, toJsonSchema(schema, REF_PREFIX)]),
    );
    const components = { schemas };
    const make = (coerceTypes: boolean): Ajv => {
      // strict off: vendor specs carry keywords and shapes ajv's strict mode rejects, and judging
      // the spec is not our job. validateSchema off for the same reason.
      const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes, validateSchema: false, logger: false });
      addOpenApiFormats(ajv);
      ajv.addSchema({ $id: REF_PREFIX, components }, REF_PREFIX);
      return ajv;
    };
    validators = { body: make(false), params: make(true), compiled: new Map() };
    validatorsBySpec.set(spec, validators);
  }
  return validators;
}

/** Compiles `schema()` once per `key` with the body or the params instance. */
export function compileCached(
  validators: Validators,
  key: string,
  kind: "body" | "params",
  schema: () => unknown,
): ValidateFunction {
  let compiled = validators.compiled.get(key);
  if (!compiled) {
    compiled = validators[kind].compile(schema() as OpenApiSchema);
    validators.compiled.set(key, compiled);
  }
  return compiled;
}

/**
 * ajv's errors as messages, e.g. `query parameter page[size] must be integer`.
 *
 * @example
 * formatErrors(check.errors, "body"); // ["body/ticket/priority must be equal to one of the allowed values: ..."]
 */
export function formatErrors(
  errors: ErrorObject[] | null | undefined,
  where: "path" | "query" | "body" | "response",
): string[] {
  return (errors ?? []).map((error) => {
    const location =
      where === "body" || where === "response"
        ? `${where}${error.instancePath}`
        : paramLocation(where, error.instancePath);
    const allowed =
      error.keyword === "enum" ? `: ${(error.params.allowedValues as unknown[]).map(String).join(", ")}` : "";
    const missing = error.keyword === "required" ? ` (${String(error.params.missingProperty)})` : "";
    return `${location} ${error.message ?? "is invalid"}${allowed}${missing}`;
  });
}

/** `/page/size` in the query object is the `page[size]` key on the wire. */
function paramLocation(where: "path" | "query", instancePath: string): string {
  const [name, ...rest] = instancePath.split("/").filter((part) => part !== "");
  if (name === undefined) return `${where} parameters`;
  return `${where} parameter ${name}${rest.map((part) => `[${part}]`).join("")}`;
}
