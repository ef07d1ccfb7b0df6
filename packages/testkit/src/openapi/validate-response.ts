/**
 * @module openapi/validate-response
 * Checks a response body against the schema the spec declares for its operation and status. The
 * fake Zendesk runs its own answers through this, so a drift from the documented shapes shows up
 * in its tests rather than in an adapter that trusted the fake.
 */
import { matchOperation } from "./match-operation.ts";
import { compileCached, formatErrors, REF_PREFIX, validatorsFor } from "./schema-validators.ts";
import { toJsonSchema } from "./to-json-schema.ts";
import type { OpenApiDocument, OpenApiSchema } from "./types.ts";
import type { RequestValidation } from "./validate-request.ts";

export interface ResponseToValidate {
  method: string;
  /** The request path; a query string is ignored. */
  path: string;
  status: number;
  /** The parsed JSON body. */
  body: unknown;
}

/**
 * Validates `response.body` against the declared response schema (exact status, then `2XX`, then
 * `default`). A status the spec does not declare, or one without a JSON schema, is a warning.
 *
 * @example
 * validateResponse(spec, { method: "GET", path: "/api/v2/tickets/1.json", status: 200, body: { ticket: { id: "1" } } }).errors;
 * // ["response/ticket/id must be integer"]
 */
export function validateResponse(spec: OpenApiDocument, response: ResponseToValidate): RequestValidation {
  const path = response.path.split("?", 1)[0] ?? "";
  const match = matchOperation(spec, response.method, path);
  if (!("operation" in match)) {
    return {
      operationId: null,
      template: null,
      errors: [`no operation in the spec for ${response.method} ${path}`],
      warnings: [],
    };
  }
  const { operation, template } = match;
  const base = { operationId: operation.operationId ?? null, template };
  const responses = (operation.responses ?? {}) as Record<string, unknown>;
  const statusKey = [String(response.status), `${String(response.status)[0]}XX`, "default"].find(
    (key) => key in responses,
  );
  if (statusKey === undefined) {
    return {
      ...base,
      errors: [],
      warnings: [`status ${response.status} is not declared for ${operation.operationId}`],
    };
  }
  const schema = jsonSchemaOf(spec, responses[statusKey]);
  if (!schema) return { ...base, errors: [], warnings: [`status ${statusKey} declares no JSON schema`] };
  const check = compileCached(validatorsFor(spec), `${match.method} ${template} response ${statusKey}`, "body", () =>
    toJsonSchema(schema, REF_PREFIX),
  );
  const errors = check(response.body) ? [] : [...new Set(formatErrors(check.errors, "response"))];
  return { ...base, errors, warnings: [] };
}

function jsonSchemaOf(spec: OpenApiDocument, declared: unknown): OpenApiSchema | undefined {
  let entry = declared as
    | { $ref?: string; content?: Record<string, { schema?: OpenApiSchema } | undefined> }
    | undefined;
  if (entry?.$ref) {
    const name = entry.$ref.replace(/^#\/components\/responses\//, "");
    entry = (spec.components?.responses as Record<string, typeof entry> | undefined)?.[name];
  }
  const type = Object.keys(entry?.content ?? {}).find((key) => /json/i.test(key));
  return type ? entry?.content?.[type]?.schema : undefined;
}
