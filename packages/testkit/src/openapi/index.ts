/**
 * @module openapi
 * Load an OpenAPI 3.0 document once and check requests (and responses) against it.
 */
export { loadOpenApi } from "./load.ts";
export { type MatchedOperation, matchOperation, type OperationMiss } from "./match-operation.ts";
export { toJsonSchema } from "./to-json-schema.ts";
export type { OpenApiDocument, OpenApiOperation, OpenApiParameter, OpenApiSchema } from "./types.ts";
export { type RequestToValidate, type RequestValidation, validateRequest } from "./validate-request.ts";
export { type ResponseToValidate, validateResponse } from "./validate-response.ts";
