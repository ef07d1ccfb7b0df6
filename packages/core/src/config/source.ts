/**
 * @module config/source
 * Parses YAML into plain data while remembering where every value came from, so that any error found
 * later (at validation or when a template renders mid-run) can name the file, line and column.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

/** A place in a config file. Lines and columns start at 1. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

interface NodeSource {
  self: SourcePosition;
  keys: Map<string | number, { key?: SourcePosition; value: SourcePosition }>;
}

// Keyed by the objects we build, so positions travel with raw config however deep it is passed around.
const sources = new WeakMap<object, NodeSource>();

export interface YamlSyntaxError {
  position: SourcePosition;
  message: string;
}

export interface ParsedSource {
  value: unknown;
  errors: YamlSyntaxError[];
}

/**
 * Parses YAML text into plain data (objects, arrays, scalars) and records source positions.
 *
 * @example
 * const { value, errors } = parseYamlWithSource("a:\n  b: 1\n", "config.yml");
 * positionOf(value, ["a", "b"]); // { file: "config.yml", line: 2, col: 6 }
 */
export function parseYamlWithSource(text: string, file: string): ParsedSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { file, line, col };
  };
  const errors = doc.errors.map((error) => ({
    position: at(error.pos[0]),
    message: error.message.split("\n")[0] ?? error.message,
  }));
  const seen = new Set<Node>();
  const convert = (node: unknown): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      // An alias cycle would recurse forever; YAML allows it, config never needs it.
      if (target === undefined || seen.has(target)) return null;
      seen.add(target);
      const value = convert(target);
      seen.delete(target);
      return value;
    }
    if (isScalar(node)) return node.value ?? null;
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const source: NodeSource = { self: at(node.range?.[0]), keys: new Map() };
      const merged: unknown[] = [];
      for (const pair of node.items) {
        const keyNode = pair.key;
        // YAML 1.1 merge keys (`<<: *defaults`), which OTAI's PyYAML loader applies.
        if (isScalar(keyNode) && keyNode.value === "<<" && keyNode.type === "PLAIN") {
          const value = convert(pair.value);
          merged.push(...(Array.isArray(value) ? value : [value]));
          continue;
        }
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const valueNode = pair.value as Node | null;
        const keyPos = at((keyNode as Node | null)?.range?.[0]);
        const valuePos = valueNode?.range ? at(valueNode.range[0]) : keyPos;
        // Object.defineProperty keeps a key named "__proto__" as data instead of changing the prototype.
        Object.defineProperty(out, key, {
          value: convert(valueNode),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        source.keys.set(key, { key: keyPos, value: valuePos });
      }
      // Explicit keys win over merged ones, and earlier merge sources over later ones.
      for (const base of merged) {
        if (typeof base !== "object" || base === null || Array.isArray(base)) continue;
        const baseSource = sources.get(base);
        for (const [key, value] of Object.entries(base)) {
          if (Object.hasOwn(out, key)) continue;
          Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
          source.keys.set(key, baseSource?.keys.get(key) ?? { value: source.self });
        }
      }
      sources.set(out, source);
      return out;
    }
    if (isSeq(node)) {
      const source: NodeSource = { self: at(node.range?.[0]), keys: new Map() };
      const out = node.items.map((item, index) => {
        const pos = at((item as Node | null)?.range?.[0] ?? node.range?.[0]);
        source.keys.set(index, { value: pos });
        return convert(item);
      });
      sources.set(out, source);
      return out;
    }
    return null;
  };
  return { value: convert(doc.contents), errors };
}

/** Where `root[path...]` is written, or the nearest ancestor that has a position. `key: true` points at the key. */
export function positionOf(
  root: unknown,
  path: readonly PropertyKey[],
  options: { key?: boolean } = {},
): SourcePosition | undefined {
  let node: unknown = root;
  let best = typeof root === "object" && root !== null ? sources.get(root)?.self : undefined;
  for (let i = 0; i < path.length; i++) {
    if (typeof node !== "object" || node === null) break;
    const source = sources.get(node);
    const segment = path[i];
    if (typeof segment === "symbol" || segment === undefined) break;
    const entry = source?.keys.get(typeof segment === "number" || Array.isArray(node) ? Number(segment) : segment);
    if (!entry) break;
    best = options.key && i === path.length - 1 && entry.key ? entry.key : entry.value;
    node = (node as Record<string | number, unknown>)[segment as string | number];
  }
  return best;
}

/** The position of an object built by {@link parseYamlWithSource}, if it was. */
export function positionOfNode(node: unknown): SourcePosition | undefined {
  return typeof node === "object" && node !== null ? sources.get(node)?.self : undefined;
}

/** The position of `node[key]`, if `node` came from YAML. */
export function positionOfKey(node: unknown, key: string | number): SourcePosition | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  return sources.get(node)?.keys.get(key)?.value;
}

export function formatPosition(position: SourcePosition | undefined): string {
  return position ? `${position.file}:${position.line}:${position.col}` : "<unknown location>";
}
