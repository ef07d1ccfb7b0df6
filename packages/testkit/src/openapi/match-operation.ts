/**
 * @module openapi/match-operation
 * Finds the operation a concrete request path belongs to. Zendesk clients append `.json` to every
 * path while the spec lists them without it, so a trailing `.json` is ignored.
 */
import type { OpenApiDocument, OpenApiOperation, OpenApiPathItem } from "./types.ts";

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);

/** The operation matched for a method and path, with the path parameters read from the path. */
export interface MatchedOperation {
  template: string;
  method: string;
  operation: OpenApiOperation;
  pathItem: OpenApiPathItem;
  pathParams: Record<string, string>;
}

/** Why no operation matched: no template fits the path, or none that fits has the method. */
export type OperationMiss = { reason: "unknown-path" } | { reason: "unknown-method"; templates: string[] };

interface CompiledTemplate {
  template: string;
  segments: string[];
  literalCount: number;
}

const compiledBySpec = new WeakMap<OpenApiDocument, CompiledTemplate[]>();

/**
 * Matches `path` (without query string) against the spec's path templates. When several templates
 * fit, the one with more literal segments wins (`/tickets/show_many` over `/tickets/{ticket_id}`).
 *
 * @example
 * const hit = matchOperation(spec, "PUT", "/api/v2/tickets/12.json");
 * if ("operation" in hit) hit.operation.operationId; // "UpdateTicket"
 */
export function matchOperation(spec: OpenApiDocument, method: string, path: string): MatchedOperation | OperationMiss {
  const segments = splitPath(path.replace(/\.json$/, ""));
  const lowerMethod = method.toLowerCase();
  const fitting: { compiled: CompiledTemplate; params: Record<string, string> }[] = [];
  for (const compiled of compiledTemplates(spec)) {
    const params = matchSegments(compiled.segments, segments);
    if (params) fitting.push({ compiled, params });
  }
  if (fitting.length === 0) return { reason: "unknown-path" };
  fitting.sort((a, b) => b.compiled.literalCount - a.compiled.literalCount);
  for (const { compiled, params } of fitting) {
    const pathItem = spec.paths[compiled.template];
    const operation = pathItem?.[lowerMethod];
    if (pathItem && typeof operation === "object" && operation !== null && METHODS.has(lowerMethod)) {
      return {
        template: compiled.template,
        method: lowerMethod,
        operation: operation as OpenApiOperation,
        pathItem,
        pathParams: params,
      };
    }
  }
  return { reason: "unknown-method", templates: fitting.map((f) => f.compiled.template) };
}

function compiledTemplates(spec: OpenApiDocument): CompiledTemplate[] {
  let compiled = compiledBySpec.get(spec);
  if (!compiled) {
    compiled = Object.keys(spec.paths).map((template) => {
      const segments = splitPath(template);
      return { template, segments, literalCount: segments.filter((s) => !isParam(s)).length };
    });
    compiledBySpec.set(spec, compiled);
  }
  return compiled;
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of template.entries()) {
    const value = actual[index] ?? "";
    if (isParam(part)) {
      if (value === "") return undefined;
      params[part.slice(1, -1)] = decodeURIComponent(value);
    } else if (part !== value) {
      return undefined;
    }
  }
  return params;
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

function isParam(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}
