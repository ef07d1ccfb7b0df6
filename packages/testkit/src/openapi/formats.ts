/**
 * @module openapi/formats
 * The `format` values an OpenAPI document may use, for ajv. Without them ajv reports unknown formats;
 * `ajv-formats` is not a dependency, and these few checks are all request validation needs.
 */
import type { Ajv } from "ajv";

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** OpenAPI's own numeric and descriptive formats: documentation only, nothing to check. */
const DESCRIPTIVE = ["int32", "int64", "float", "double", "byte", "binary", "password", "text", "string", "integer"];

/**
 * Registers `date`, `date-time`, `email`, `uri` checks and the descriptive OpenAPI formats on `ajv`.
 *
 * @example
 * const ajv = new Ajv({ strict: false });
 * addOpenApiFormats(ajv);
 */
export function addOpenApiFormats(ajv: Ajv): void {
  ajv.addFormat("date", DATE);
  ajv.addFormat("date-time", (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
  ajv.addFormat("email", EMAIL);
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  for (const name of DESCRIPTIVE) ajv.addFormat(name, true);
}
