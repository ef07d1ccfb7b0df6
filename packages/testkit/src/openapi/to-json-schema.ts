/**
 * @module openapi/to-json-schema
 * Turns an OpenAPI 3.0 schema into a JSON Schema that ajv (draft-07) understands. OpenAPI 3.0 is a
 * dialect: `nullable` instead of a `"null"` type, siblings of `$ref` that must be ignored, and
 * annotation keywords (`example`, `xml`, `discriminator`, ...) that ajv does not know.
 */
import type { OpenApiSchema } from "./types.ts";

/** Keywords that only document; dropping them changes no verdict. */
const ANNOTATIONS = new Set(["example", "examples", "xml", "externalDocs", "discriminator", "deprecated"]);
/** Keywords whose value is one schema. */
const SCHEMA_KEYS = new Set(["items", "not", "additionalProperties"]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYS = new Set(["allOf", "anyOf", "oneOf"]);

/**
 * Converts `schema`, rewriting `#/components/...` references to `${refPrefix}#/components/...` so
 * that they resolve against a document registered in ajv under that id.
 *
 * @example
 * toJsonSchema({ type: "string", enum: ["low", "high"], nullable: true }, "oas");
 * // { type: ["string", "null"], enum: ["low", "high", null] }
 */
export function toJsonSchema(schema: unknown, refPrefix: string): unknown {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const source = schema as OpenApiSchema;
  // OpenAPI 3.0: "This object cannot be extended with additional properties and any properties added
  // SHALL be ignored" — so a $ref's siblings (description, nullable, ...) must not take part.
  if (typeof source.$ref === "string") {
    return { $ref: source.$ref.startsWith("#/") ? `${refPrefix}${source.$ref}` : source.$ref };
  }
  const out: OpenApiSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-") || key === "nullable") continue;
    if (key === "properties" && typeof value === "object" && value !== null) {
      out[key] = Object.fromEntries(
        Object.entries(value as OpenApiSchema).map(([name, sub]) => [name, toJsonSchema(sub, refPrefix)]),
      );
    } else if (SCHEMA_KEYS.has(key)) {
      out[key] = toJsonSchema(value, refPrefix);
    } else if (SCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) {
      out[key] = value.map((sub) => toJsonSchema(sub, refPrefix));
    } else {
      out[key] = value;
    }
  }
  return source.nullable === true ? allowNull(out) : out;
}

function allowNull(schema: OpenApiSchema): OpenApiSchema {
  if (typeof schema.type === "string") {
    const result: OpenApiSchema = { ...schema, type: [schema.type, "null"] };
    // With an enum, the type alone would still reject null, so null joins the allowed values.
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) result.enum = [...schema.enum, null];
    return result;
  }
  // No single type to widen (oneOf, allOf, ...): accept null beside whatever the schema accepts.
  return { anyOf: [schema, { type: "null" }] };
}
