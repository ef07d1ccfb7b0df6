/**
 * @module http/help-desk-message
 * The help desk's own explanation of an error, pulled out of the bodies each of them sends, so that
 * "Status: closed is not valid" reaches the user instead of a bare "422".
 */
import { truncateText } from "./body.ts";

/** Longer explanations are cut: error messages go to logs and terminals. */
const MAX_MESSAGE = 300;
/** Validation lists can be long; the first few say enough. */
const MAX_ITEMS = 5;

type Dict = Record<string, unknown>;

function isDict(value: unknown): value is Dict {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function list(items: string[]): string {
  const shown = items.slice(0, MAX_ITEMS).join("; ");
  return items.length > MAX_ITEMS ? `${shown}; and ${items.length - MAX_ITEMS} more` : shown;
}

function headed(head: string | undefined, body: string): string {
  return head && body ? `${head}: ${body}` : head || body;
}

/** Zendesk's `details: {field: [{description, error}]}`; descriptions usually name the field already. */
function zendeskDetails(details: Dict): string[] {
  const out: string[] = [];
  for (const [field, problems] of Object.entries(details)) {
    for (const problem of Array.isArray(problems) ? problems : [problems]) {
      const text = str(problem) ?? (isDict(problem) ? (str(problem.description) ?? str(problem.error)) : undefined);
      if (!text) continue;
      const named = field === "base" || text.toLowerCase().startsWith(field.replace(/_id$/, "").replace(/_/g, " "));
      out.push(named ? text : `${field}: ${text}`);
    }
  }
  return out;
}

/** One entry of an `errors` array: Freshdesk `{field, message, code}` or JSON:API `{code, title, detail}`. */
function errorItem(item: unknown): string | undefined {
  if (!isDict(item)) return str(item);
  const field = str(item.field);
  const title = str(item.title);
  const detail = str(item.detail);
  const message = str(item.message) ?? str(item.description);
  const code = str(item.code);
  let text = message ?? (title && detail ? `${title}: ${detail}` : (title ?? detail));
  if (!text) return code;
  if (field) text = `${field}: ${text}`;
  return code && code !== text ? `${text} (${code})` : text;
}

function fromObject(body: Dict): string | undefined {
  // OTOBO/Znuny operation errors and GenericInterface transport faults.
  if (isDict(body.Error)) {
    const message = str(body.Error.ErrorMessage);
    const code = str(body.Error.ErrorCode);
    if (message) return code ? `${message} (${code})` : message;
  }
  if (str(body.faultstring)) return str(body.faultstring);
  // Zammad writes the sentence for people in `error_human` and a technical one in `error`.
  if (str(body.error_human)) return str(body.error_human);

  const description = str(body.description);
  if (Array.isArray(body.errors)) {
    const items = body.errors.map(errorItem).filter((x): x is string => x !== undefined);
    return headed(description ?? str(body.message) ?? str(body.title), list(items)) || undefined;
  }
  if (isDict(body.details)) {
    const items = zendeskDetails(body.details);
    if (items.length > 0) return headed(description ?? str(body.error), list(items));
  }
  const error = str(body.error);
  if (error) return description && description !== error ? `${error}: ${description}` : error;
  // Zendesk's permission errors: `{"error": {"title": "Forbidden", "message": "You do not have access"}}`.
  if (isDict(body.error)) {
    const text = headed(str(body.error.title), str(body.error.message) ?? "");
    if (text) return text;
  }
  const message = str(body.message);
  if (message) return str(body.code) ? `${message} (${str(body.code)})` : message;
  // RFC 9457 problem details, then the last resorts.
  return str(body.detail) ?? description ?? str(body.title);
}

/** Plain text or an HTML error page (from the help desk or a proxy in front of it) as one short line. */
function fromText(text: string): string | undefined {
  let plain = text;
  if (/^\s*</.test(text)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
    plain = title ?? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]+>/g, " ");
  }
  return str(plain.replace(/\s+/g, " "));
}

/**
 * The message a help desk put in an error body, or `undefined` when there is none. Knows the bodies
 * of Zendesk (`error`/`description`/`details`, JSON:API `errors`), Freshdesk (`description` +
 * `errors[{field,message,code}]`, `{code,message}`), Zammad (`error_human`), OTOBO (`Error`,
 * `faultstring`) and plain text or HTML; the result is at most ~300 characters.
 *
 * @example
 * helpDeskMessage({ description: "Validation failed", errors: [{ field: "priority", message: "It should be one of these values: '1,2,3,4'", code: "invalid_value" }] });
 * // "Validation failed: priority: It should be one of these values: '1,2,3,4' (invalid_value)"
 */
export function helpDeskMessage(body: unknown): string | undefined {
  const text = typeof body === "string" ? fromText(body) : isDict(body) ? fromObject(body) : undefined;
  return text === undefined ? undefined : truncateText(text, MAX_MESSAGE);
}
