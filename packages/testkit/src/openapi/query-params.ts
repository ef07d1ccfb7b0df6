/**
 * @module openapi/query-params
 * Reads declared query parameters out of a query string the way OpenAPI serialises them: `form`
 * (repeated keys, or `name[]=` as Rails clients send arrays), `deepObject` (`page[size]=100` becomes
 * `{ page: { size: "100" } }`), and names that contain brackets themselves (`filter[type]`).
 */
import type { OpenApiParameter } from "./types.ts";

/** Declared parameter values by name (strings, not yet coerced) and the keys nobody declared. */
export interface CollectedQuery {
  values: Record<string, unknown>;
  undeclared: string[];
}

/**
 * @example
 * collectQuery([{ name: "page", in: "query", style: "deepObject" }], new URLSearchParams("page[size]=2&x=1"));
 * // { values: { page: { size: "2" } }, undeclared: ["x"] }
 */
export function collectQuery(parameters: OpenApiParameter[], query: URLSearchParams): CollectedQuery {
  const values: Record<string, unknown> = {};
  const consumed = new Set<string>();
  for (const parameter of parameters) {
    if (parameter.in !== "query") continue;
    const { name } = parameter;
    if (parameter.schema?.type === "array") {
      const raw = [...query.getAll(name), ...query.getAll(`${name}[]`)];
      consumed.add(name).add(`${name}[]`);
      if (raw.length > 0) values[name] = parameter.explode === false ? raw.flatMap((v) => v.split(",")) : raw;
    } else if (parameter.style === "deepObject") {
      const object: Record<string, string> = {};
      for (const [key, value] of query) {
        const inner = key.startsWith(`${name}[`) && key.endsWith("]") ? key.slice(name.length + 1, -1) : undefined;
        if (inner !== undefined && !inner.includes("[")) {
          object[inner] = value;
          consumed.add(key);
        }
      }
      // `page=2` beside a deepObject `page`: Zendesk's dual pagination declares one parameter for both.
      if (query.has(name)) {
        values[name] = query.get(name);
        consumed.add(name);
      } else if (Object.keys(object).length > 0) {
        values[name] = object;
      }
    } else if (query.has(name)) {
      values[name] = query.get(name);
      consumed.add(name);
    }
  }
  const undeclared = [...new Set(query.keys())].filter((key) => !consumed.has(key));
  return { values, undeclared };
}
