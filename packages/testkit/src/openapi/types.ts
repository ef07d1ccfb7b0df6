/**
 * @module openapi/types
 * The small part of the OpenAPI 3.0 object model that request validation reads. Everything else in a
 * document is carried along untyped.
 */

/** A JSON Schema as OpenAPI 3.0 writes it (with `nullable`, `example`, `$ref` to `#/components/...`). */
export type OpenApiSchema = { [key: string]: unknown };

/** A `$ref` object, e.g. `{ $ref: "#/components/parameters/TicketId" }`. */
export interface OpenApiRef {
  $ref: string;
}

/** One entry of an operation's or path item's `parameters`. */
export interface OpenApiParameter {
  name: string;
  in: "query" | "path" | "header" | "cookie";
  required?: boolean;
  style?: string;
  explode?: boolean;
  schema?: OpenApiSchema;
}

/** An operation (`get`, `put`, ...) under a path. */
export interface OpenApiOperation {
  operationId?: string;
  parameters?: (OpenApiParameter | OpenApiRef)[];
  requestBody?: OpenApiRef | { required?: boolean; content?: Record<string, { schema?: OpenApiSchema } | undefined> };
  [key: string]: unknown;
}

/** A path item: operations by lower-case method plus shared `parameters`. */
export type OpenApiPathItem = { parameters?: (OpenApiParameter | OpenApiRef)[] } & {
  [method: string]: OpenApiOperation | unknown;
};

/** A parsed OpenAPI 3.x document. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, OpenApiPathItem>;
  components?: {
    schemas?: Record<string, OpenApiSchema>;
    parameters?: Record<string, OpenApiParameter>;
    requestBodies?: Record<string, unknown>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}
