/**
 * @module openapi/validate-request
 * Checks one HTTP request against an OpenAPI 3.0 document: that the path and method exist, that
 * path and query parameters have the declared types and enums, and that a JSON body matches the
 * operation's schema. Used to prove that what an adapter sends is what the vendor documents.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { addOpenApiFormats } from "./formats.ts";
import { matchOperation } from "./match-operation.ts";
import { collectQuery } from "./query-params.ts";
import { toJsonSchema } from "./to-json-schema.ts";
import type { OpenApiDocument, OpenApiOperation, OpenApiParameter, OpenApiRef, OpenApiSchema } from "./types.ts";

/** The request to check. `path` may carry a query string; `query` adds to it. */
export interface RequestToValidate {
  method: string;
  path: string;
  query?: URLSearchParams | string | Record<string, string | string[]>;
  /** The parsed JSON body; `undefined` when there is none. */
  body?: unknown;
}

/** The verdict: `errors` break the contract, `warnings` are legal but worth a look (undeclared query keys). */
export interface RequestValidation {
  operationId: string | null;
  /** The matched path template, e.g. `/api/v2/tickets/{ticket_id}`. */
  template: string | null;
  errors: string[];
  warnings: string[];
}

const REF_PREFIX = "oas";

interface Validators {
  /** Bodies are JSON already: no coercion, so `"1"` for an integer is an error. */
  body: Ajv;
  /** Path and query values arrive as text and are coerced to the declared types first. */
  params: Ajv;
  compiled: Map<string, ValidateFunction>;
}

const validatorsBySpec = new WeakMap<OpenApiDocument, Validators>();

/**
 * Validates `request` against `spec`. Never throws for a bad request; problems come back as messages.
 *
 * @example
 * const spec = loadOpenApi("../shared/specs/zendesk/oas.yaml");
 * const result = validateRequest(spec, {
 *   method: "PUT",
 *   path: "/api/v2/tickets/1.json",
 *   body: { ticket: { priority: "super" } },
 * });
 * result.operationId; // "UpdateTicket"
 * result.errors; // ["body/ticket/priority must be equal to one of the allowed values: urgent, high, normal, low, null"]
 */
export function validateRequest(spec: OpenApiDocument, request: RequestToValidate): RequestValidation {
  const [pathOnly = "", inlineQuery = ""] = request.path.split("?", 2);
  const query = mergeQuery(inlineQuery, request.query);
  const match = matchOperation(spec, request.method, pathOnly);
  if (!("operation" in match)) {
    const message =
      match.reason === "unknown-path"
        ? `no operation in the spec for path ${pathOnly}`
        : `method ${request.method.toUpperCase()} is not defined for ${match.templates.join(", ")}`;
    return { operationId: null, template: null, errors: [message], warnings: [] };
  }
  const { operation, template } = match;
  const errors: string[] = [];
  const warnings: string[] = [];
  const validators = validatorsFor(spec);
  const parameters = mergedParameters(spec, match.pathItem.parameters, operation.parameters);
  const key = `${match.method} ${template}`;

  const pathParams = parameters.filter((p) => p.in === "path");
  const pathCheck = compileCached(validators, `${key} path`, "params", () => paramsSchema(pathParams));
  if (!pathCheck({ ...match.pathParams })) errors.push(...formatErrors(pathCheck.errors, "path"));

  const collected = collectQuery(parameters, query);
  const queryCheck = compileCached(validators, `${key} query`, "params", () =>
    paramsSchema(parameters.filter((p) => p.in === "query")),
  );
  if (!queryCheck(collected.values)) errors.push(...formatErrors(queryCheck.errors, "query"));
  for (const name of collected.undeclared) warnings.push(`query parameter ${name} is not declared by the spec`);

  const body = jsonBody(spec, operation);
  if (request.body === undefined) {
    if (body.required) errors.push("body is required");
  } else if (body.schema) {
    const schema = body.schema;
    const bodyCheck = compileCached(validators, `${key} body`, "body", () => toJsonSchema(schema, REF_PREFIX));
    if (!bodyCheck(request.body)) errors.push(...formatErrors(bodyCheck.errors, "body"));
  } else {
    warnings.push(body.declared ? "the operation declares no JSON request body" : "the operation declares no body");
  }
  return { operationId: operation.operationId ?? null, template, errors: dedupe(errors), warnings };
}

function validatorsFor(spec: OpenApiDocument): Validators {
  let validators = validatorsBySpec.get(spec);
  if (!validators) {
    // Every component schema is converted once and registered under one id, so `$ref`s resolve lazily.
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

function compileCached(
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

function paramsSchema(parameters: OpenApiParameter[]): OpenApiSchema {
  return {
    type: "object",
    properties: Object.fromEntries(parameters.map((p) => [p.name, toJsonSchema(p.schema ?? {}, REF_PREFIX)])),
    required: parameters.filter((p) => p.required === true).map((p) => p.name),
  };
}

/** Path-level parameters apply to every operation; an operation's own parameter of the same name and place wins. */
function mergedParameters(
  spec: OpenApiDocument,
  shared: (OpenApiParameter | OpenApiRef)[] | undefined,
  own: (OpenApiParameter | OpenApiRef)[] | undefined,
): OpenApiParameter[] {
  const byKey = new Map<string, OpenApiParameter>();
  for (const entry of [...(shared ?? []), ...(own ?? [])]) {
    const parameter = resolveParameter(spec, entry);
    if (parameter) byKey.set(`${parameter.in} ${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

function resolveParameter(spec: OpenApiDocument, entry: OpenApiParameter | OpenApiRef): OpenApiParameter | undefined {
  if (!("$ref" in entry)) return entry;
  const name = entry.$ref.replace(/^#\/components\/parameters\//, "");
  return spec.components?.parameters?.[name];
}

function jsonBody(
  spec: OpenApiDocument,
  operation: OpenApiOperation,
): { declared: boolean; required: boolean; schema?: OpenApiSchema } {
  let body = operation.requestBody;
  if (body && "$ref" in body) {
    const name = body.$ref.replace(/^#\/components\/requestBodies\//, "");
    body = spec.components?.requestBodies?.[name] as OpenApiOperation["requestBody"];
  }
  if (!body || "$ref" in body) return { declared: false, required: false };
  const required = body.required === true;
  const jsonType = Object.keys(body.content ?? {}).find((type) => /json/i.test(type));
  const schema = jsonType ? body.content?.[jsonType]?.schema : undefined;
  return schema ? { declared: true, required, schema } : { declared: true, required };
}

function mergeQuery(inline: string, extra: RequestToValidate["query"]): URLSearchParams {
  const query = new URLSearchParams(inline);
  if (extra === undefined) return query;
  const entries =
    typeof extra === "string" || extra instanceof URLSearchParams
      ? [...new URLSearchParams(extra)]
      : Object.entries(extra).flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => [key, v]));
  for (const [key, value] of entries) if (key !== undefined && value !== undefined) query.append(key, value);
  return query;
}

function formatErrors(errors: ErrorObject[] | null | undefined, where: "path" | "query" | "body"): string[] {
  return (errors ?? []).map((error) => {
    const location = where === "body" ? `body${error.instancePath}` : paramLocation(where, error.instancePath);
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

function dedupe(messages: string[]): string[] {
  return [...new Set(messages)];
}
