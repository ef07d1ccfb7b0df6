/**
 * @module openapi/load
 * Reads an OpenAPI 3.0 document from YAML or JSON. Zendesk's spec is 1.6 MB and takes about a second
 * to parse, so every path is parsed once per process and the same object is handed out again.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";
import type { OpenApiDocument } from "./types.ts";

const cache = new Map<string, OpenApiDocument>();

/**
 * Parses the OpenAPI file at `path` (cached by absolute path; later calls return the same object).
 * Throws when the file is not an OpenAPI 3.x document with `paths`.
 *
 * @example
 * const spec = loadOpenApi("../shared/specs/zendesk/oas.yaml");
 * Object.keys(spec.paths).length; // 427
 */
export function loadOpenApi(path: string): OpenApiDocument {
  const absolute = resolve(path);
  const cached = cache.get(absolute);
  if (cached) return cached;
  const parsed: unknown = parse(readFileSync(absolute, "utf8"));
  if (!isOpenApi3(parsed)) throw new Error(`${absolute} is not an OpenAPI 3.x document with "paths"`);
  cache.set(absolute, parsed);
  return parsed;
}

function isOpenApi3(value: unknown): value is OpenApiDocument {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.openapi === "string" &&
    record.openapi.startsWith("3.") &&
    typeof record.paths === "object" &&
    record.paths !== null
  );
}
