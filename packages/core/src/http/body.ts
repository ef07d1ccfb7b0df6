/**
 * @module http/body
 * Reading a response body, and cutting one down before it goes into an error's details (which end up
 * in logs and the CLI's output, so must stay small).
 */

/**
 * Whether a content type is JSON: `application/json`, `application/problem+json`, `application/vnd.api+json`, ...
 *
 * @example
 * isJsonContentType("application/json; charset=utf-8"); // true
 * isJsonContentType("text/plain"); // false
 */
export function isJsonContentType(contentType: string | null): boolean {
  return contentType !== null && /^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim());
}

/** A body that says it is JSON but is not; the caller decides what that means for the status. */
export interface ParsedBody {
  body: unknown;
  /** True when the content type was JSON but the text did not parse; `body` is then the text. */
  malformedJson: boolean;
}

/**
 * Parses a body: JSON when the content type says so, otherwise the text. An empty body is `undefined`
 * (Freshdesk answers 404 with nothing; Zendesk 204s), so callers need not special-case it.
 *
 * @example
 * parseBody('{"ticket":{"id":1}}', "application/json; charset=utf-8"); // { body: { ticket: { id: 1 } }, malformedJson: false }
 */
export function parseBody(text: string, contentType: string | null): ParsedBody {
  if (text === "") return { body: undefined, malformedJson: false };
  if (!isJsonContentType(contentType)) return { body: text, malformedJson: false };
  try {
    return { body: JSON.parse(text), malformedJson: false };
  } catch {
    return { body: text, malformedJson: true };
  }
}

const MAX_STRING = 300;
const MAX_ITEMS = 20;
const MAX_DEPTH = 5;

/**
 * A copy of a parsed body small enough for error details: strings cut to ~300 characters, arrays and
 * objects to 20 entries, nesting to 5 levels. Error bodies can echo ticket text, and a help desk's
 * 500 page can be megabytes of HTML.
 *
 * @example
 * truncateBody("x".repeat(1000)).length; // 301 (300 characters and an ellipsis)
 */
export function truncateBody(body: unknown, depth = 0): unknown {
  if (typeof body === "string") return truncateText(body, MAX_STRING);
  if (body === null || typeof body !== "object") return body;
  if (depth >= MAX_DEPTH) return Array.isArray(body) ? "[…]" : "{…}";
  if (Array.isArray(body)) {
    const items = body.slice(0, MAX_ITEMS).map((item) => truncateBody(item, depth + 1));
    if (body.length > MAX_ITEMS) items.push(`… ${body.length - MAX_ITEMS} more`);
    return items;
  }
  const entries = Object.entries(body);
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries.slice(0, MAX_ITEMS)) out[key] = truncateBody(value, depth + 1);
  if (entries.length > MAX_ITEMS) out["…"] = `${entries.length - MAX_ITEMS} more keys`;
  return out;
}

/**
 * Cuts `text` to `max` characters, marking the cut with an ellipsis.
 *
 * @example
 * truncateText("abcdef", 3); // "abc…"
 */
export function truncateText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
