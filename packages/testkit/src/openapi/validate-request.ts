/**
 * @module openapi/validate-request
 * Checks one HTTP request against an OpenAPI 3.0 document: that the path and method exist, that
 * path and query parameters have the declared types and enums, and that a JSON body matches the
 * operation's schema. Used to prove that what an adapter sends is what the vendor documents.
 */
import { matchOperation } from "./match-operation.ts";
import { collectQuery } from "./query-params.ts";
import { compileCached, formatErrors, REF_PREFIX, validatorsFor } from "./schema-validators.ts";
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

function dedupe(messages: string[]): string[] {
  return [...new Set(messages)];
}
