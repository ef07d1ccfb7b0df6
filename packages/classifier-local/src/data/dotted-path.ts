/**
 * @module data/dotted-path
 * Columns named by dotted paths: `queue.name` reads `{"queue": {"name": …}}`, and a key literally
 * called `queue.name` (a CSV header, a flattened export) wins over the nested lookup.
 */

/**
 * The value at `path` in `record`, or undefined when any segment is missing.
 *
 * @example
 * valueAt({ queue: { name: "Billing" } }, "queue.name"); // "Billing"
 * valueAt({ "queue.name": "Billing" }, "queue.name"); // "Billing"
 */
export function valueAt(record: unknown, path: string): unknown {
  if (!isObject(record)) return undefined;
  if (Object.hasOwn(record, path)) return record[path];
  let current: unknown = record;
  for (const segment of path.split(".")) {
    if (!isObject(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

/**
 * The dotted paths of the leaves of `record` (arrays count as leaves), for "columns: …" in errors.
 *
 * @example
 * leafPaths({ subject: "x", queue: { name: "Q" }, tags: ["a"] }); // ["subject", "queue.name", "tags"]
 */
export function leafPaths(record: unknown, prefix = ""): string[] {
  if (!isObject(record)) return prefix ? [prefix] : [];
  const paths: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value) && Object.keys(value).length > 0) paths.push(...leafPaths(value, path));
    else paths.push(path);
  }
  return paths;
}

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
