/**
 * @module config/issues
 * Config problems with their place in the file, collected so that all of them are reported at once.
 */
import type { z } from "zod";
import { didYouMean } from "./did-you-mean.ts";
import { formatPosition, positionOf, type SourcePosition } from "./source.ts";

export interface ConfigIssue {
  position?: SourcePosition | undefined;
  /** Dotted path in the config, e.g. `open_ticket_ai.services.otobo.use`. */
  path: string;
  message: string;
  /** "Did you mean", or which plugin provides a missing component. */
  hint?: string | undefined;
}

export type PathSegment = string | number;

/** `a.b[0].c` */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (out, segment) => (typeof segment === "number" ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment),
    "",
  );
}

/** One line per issue: `file:line:col  path: message (hint)`. */
export function formatIssue(issue: ConfigIssue): string {
  const hint = issue.hint ? `\n      ${issue.hint}` : "";
  return `${formatPosition(issue.position)}  ${issue.path ? `${issue.path}: ` : ""}${issue.message}${hint}`;
}

/** Issues in file order, so an admin can fix them top to bottom. */
export function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  const unique = issues.filter((issue) => {
    const key = formatIssue(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) => (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.col ?? 0) - (b.position?.col ?? 0),
  );
}

// zod 4 keeps a schema's structure in `_zod.def`; we only need enough of it to list an object's keys.
interface Def {
  type?: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  in?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  valueType?: { _zod: { def: Def } };
  options?: { _zod: { def: Def } }[];
}

function defsAt(def: Def, path: readonly PathSegment[]): Def[] {
  if (def.innerType) return defsAt(def.innerType._zod.def, path);
  if (def.type === "pipe" && def.in) return defsAt(def.in._zod.def, path);
  if (def.type === "union" && def.options) return def.options.flatMap((option) => defsAt(option._zod.def, path));
  if (path.length === 0) return [def];
  const [head, ...rest] = path;
  if (def.type === "object" && def.shape && typeof head === "string") {
    const child = def.shape[head];
    return child ? defsAt(child._zod.def, rest) : [];
  }
  if (def.type === "array" && def.element) return defsAt(def.element._zod.def, rest);
  if (def.type === "record" && def.valueType) return defsAt(def.valueType._zod.def, rest);
  return [];
}

/** The keys an object schema accepts at `path` (empty when unknown). */
export function knownKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  return [...new Set(defsAt(def, path).flatMap((d) => (d.type === "object" && d.shape ? Object.keys(d.shape) : [])))];
}

function describe(value: unknown, showValue = true): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return showValue ? `${typeof value} ${JSON.stringify(value)}` : `a ${typeof value}`;
}

export interface ZodIssueOptions {
  /** The raw YAML-derived object the schema was applied to, for positions and values. */
  raw: unknown;
  /** Where `raw` sits in the whole config, for paths in messages. */
  rawPath: readonly PathSegment[];
  /** Drops issues about values that are templates, which only get their type when rendered. */
  isTemplate?: (value: unknown) => boolean;
  /** Rendered params can hold ticket text, which must not end up in error messages and logs. */
  hideValues?: boolean;
  schema: z.ZodType;
  /** Where to point when `raw` has no position of its own (e.g. params that are not written at all). */
  fallbackPosition?: SourcePosition | undefined;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** Turns a zod error into positioned issues, with "did you mean" for unknown keys. */
export function issuesFromZod(error: z.ZodError, options: ZodIssueOptions): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
    if (options.isTemplate) {
      const ancestorIsTemplate = path.some((_, i) => options.isTemplate?.(valueAt(options.raw, path.slice(0, i + 1))));
      if (ancestorIsTemplate) continue;
    }
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(options.schema, path);
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, known);
        out.push({
          position: positionOf(options.raw, [...path, key], { key: true }) ?? options.fallbackPosition,
          path: formatPath([...options.rawPath, ...path, key]),
          message: `unknown key '${key}'`,
          hint: suggestion
            ? `did you mean '${suggestion}'?`
            : known.length
              ? `expected one of: ${known.join(", ")}`
              : undefined,
        });
      }
      continue;
    }
    const actual = valueAt(options.raw, path);
    const message =
      actual === undefined && (issue.code === "invalid_type" || issue.code === "invalid_union")
        ? `missing required value${issue.code === "invalid_type" ? ` (expected ${issue.expected})` : ""}`
        : issue.code === "invalid_type"
          ? `expected ${issue.expected}, got ${describe(actual, !options.hideValues)}`
          : issue.code === "invalid_union"
            ? `unexpected ${describe(actual, !options.hideValues)}: ${issue.message}`
            : issue.message;
    out.push({
      position: positionOf(options.raw, path) ?? options.fallbackPosition,
      path: formatPath([...options.rawPath, ...path]),
      message,
    });
  }
  return out;
}
