/**
 * @module templates/plain-data
 * What templates may see: plain data only. Class instances, functions, getters, symbols and prototype
 * chains are dropped here, before anything reaches the template engine, so no template can call into
 * the host or walk to a constructor.
 */

/**
 * A deep copy of `value` with only JSON-like data: own enumerable string keys of plain objects, arrays,
 * strings, finite numbers, booleans and null. Dates become ISO strings, Maps become objects, anything
 * else (functions, class instances, cycles) is left out.
 *
 * @example
 * toPlainData({ a: 1, f: () => 1, d: new Date(0) }); // { a: 1, d: "1970-01-01T00:00:00.000Z" }
 */
export function toPlainData(value: unknown, seen: Set<object> = new Set()): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "bigint":
      return value.toString();
    case "object":
      break;
    default:
      return undefined;
  }
  const object = value as object;
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString();
  if (seen.has(object)) return undefined;
  seen.add(object);
  try {
    if (Array.isArray(object)) return object.map((item) => toPlainData(item, seen) ?? null);
    if (object instanceof Map) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of object) defineData(out, String(key), toPlainData(item, seen));
      return out;
    }
    const proto = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) return undefined;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      if (!descriptor || !("value" in descriptor)) continue; // never run a getter
      const item = toPlainData(descriptor.value, seen);
      if (item !== undefined) defineData(out, key, item);
    }
    return out;
  } finally {
    seen.delete(object);
  }
}

function defineData(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Converts what the engine hands to helpers (dicts arrive as Maps) back to plain objects. */
export function fromEngineValue(value: unknown): unknown {
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value) defineData(out, String(key), fromEngineValue(item));
    return out;
  }
  if (Array.isArray(value)) return value.map(fromEngineValue);
  return value;
}
