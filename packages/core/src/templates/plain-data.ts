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
  const proto = Object.getPrototypeOf(object);
  // Only the built-in methods are called, never ones the data carries (an own `toISOString`, a
  // subclass's iterator), so converting data never runs code that came with it.
  if (proto === Date.prototype) {
    const time = Date.prototype.getTime.call(object);
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  }
  if (seen.has(object)) return undefined;
  seen.add(object);
  try {
    if (proto === Array.prototype && Array.isArray(object)) {
      const out: unknown[] = [];
      for (let i = 0; i < object.length; i++) out.push(toPlainData(ownData(object, String(i)), seen) ?? null);
      return out;
    }
    if (proto === Map.prototype) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Map.prototype.entries.call(object as Map<unknown, unknown>)) {
        if (typeof key !== "string" && typeof key !== "number") continue;
        const plain = toPlainData(item, seen);
        if (plain !== undefined) defineData(out, String(key), plain);
      }
      return out;
    }
    if (proto !== Object.prototype && proto !== null) return undefined;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      if (!descriptor || !("value" in descriptor)) continue; // a getter is left out, never run
      const item = toPlainData(descriptor.value, seen);
      if (item !== undefined) defineData(out, key, item);
    }
    return out;
  } finally {
    seen.delete(object);
  }
}

// The value of an own data property; a getter (or a missing index) gives undefined and is never run.
function ownData(object: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor && "value" in descriptor ? descriptor.value : undefined;
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
