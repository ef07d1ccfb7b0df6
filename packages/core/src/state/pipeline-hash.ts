/**
 * @module state/pipeline-hash
 * A stable identity for a pipeline config, part of every ledger key: change the pipeline and its
 * tickets are processed anew; reformat or reorder the YAML and they are not.
 */
import { createHash } from "node:crypto";
import { OtaiError } from "../errors.ts";

/**
 * JSON with object keys sorted (by UTF-16 code unit, independent of locale) at every depth. Follows
 * `JSON.stringify` for everything else: `toJSON` is honoured, `undefined`, functions and symbols
 * are dropped from objects and become `null` in arrays. Throws OTAI_INTERNAL for a cycle or a bigint.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, { d: null, c: "x" }] }); // '{"a":[true,{"c":"x","d":null}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, new Set()) ?? "null";
}

function serialise(value: unknown, ancestors: Set<object>): string | undefined {
  let current = value;
  if (
    typeof current === "object" &&
    current !== null &&
    typeof (current as { toJSON?: unknown }).toJSON === "function"
  ) {
    current = (current as { toJSON: () => unknown }).toJSON();
  }
  if (typeof current === "bigint") {
    throw new OtaiError("OTAI_INTERNAL", "cannot hash a bigint in a pipeline config");
  }
  if (typeof current !== "object" || current === null) return JSON.stringify(current);
  if (ancestors.has(current)) throw new OtaiError("OTAI_INTERNAL", "cannot hash a pipeline config with a cycle");
  ancestors.add(current);
  try {
    if (Array.isArray(current)) {
      return `[${current.map((item) => serialise(item, ancestors) ?? "null").join(",")}]`;
    }
    const parts: string[] = [];
    for (const key of Object.keys(current).sort()) {
      const item = serialise((current as Record<string, unknown>)[key], ancestors);
      if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
    }
    return `{${parts.join(",")}}`;
  } finally {
    ancestors.delete(current);
  }
}

/**
 * The first 16 hex characters of the sha256 of {@link canonicalJson}: 64 bits, plenty to tell a
 * deployment's pipelines apart, short enough to read in a log line or the ledger.
 *
 * @example
 * pipelineHash({ id: "classify", steps: [] }) === pipelineHash({ steps: [], id: "classify" }); // true
 */
export function pipelineHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, 16);
}
