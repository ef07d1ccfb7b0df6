/**
 * @module http/url
 * Building request URLs from `baseUrl`, a path and a query, and the form of a URL that may be logged.
 */
import { OtaiError } from "../errors.ts";
import { SECRET_NAME } from "../logging/secrets.ts";
import type { QueryValue } from "./types.ts";

/**
 * Query keys whose values are never logged. On top of the usual secret names, OTOBO and Znuny take
 * `UserLogin`, `Password` and `SessionID` in the query, and signed URLs carry a `signature`.
 */
const SECRET_QUERY_KEY = new RegExp(`${SECRET_NAME.source}|session|sig(nature)?|login|key|auth`, "i");

/**
 * Checks and normalises `baseUrl`: http or https, no query or fragment, no trailing slash.
 *
 * @example
 * parseBaseUrl("https://acme.zendesk.com/api/v2/", "Zendesk").href; // "https://acme.zendesk.com/api/v2"
 */
export function parseBaseUrl(baseUrl: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (error) {
    throw new OtaiError("OTAI_CONFIG_INVALID", `${name}: base URL '${baseUrl}' is not a URL`, { cause: error });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new OtaiError("OTAI_CONFIG_INVALID", `${name}: base URL must start with https:// or http://`, {
      details: { protocol: url.protocol },
    });
  }
  if (url.username || url.password) {
    // Credentials in the URL would end up in logs and error messages; they belong in `auth`.
    throw new OtaiError("OTAI_CONFIG_INVALID", `${name}: base URL must not contain a user name or password`);
  }
  url.search = "";
  url.hash = "";
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}

/**
 * The URL of a request. A relative `path` is appended to the base path (not resolved as a browser
 * would, which would drop `/api/v2`); an absolute one must share the base URL's origin, because the
 * client would send the help desk's credentials there.
 *
 * @example
 * buildUrl(parseBaseUrl("https://acme.zendesk.com/api/v2", "Zendesk"), "/tickets.json", { "page[size]": 100 }, "Zendesk").href;
 * // "https://acme.zendesk.com/api/v2/tickets.json?page%5Bsize%5D=100"
 */
export function buildUrl(base: URL, path: string, query: Record<string, QueryValue> | undefined, name: string): URL {
  let url: URL;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    url = new URL(path);
    if (url.origin !== base.origin) {
      throw new OtaiError(
        "OTAI_HELPDESK_INVALID",
        `${name}: refusing to send a request to ${url.origin}, which is not the help desk's origin ${base.origin}`,
        { details: { origin: url.origin, expected: base.origin } },
      );
    }
  } else {
    // A relative path may carry its own query (a `next_page` link made relative); keep it.
    const q = path.indexOf("?");
    url = new URL(base.href);
    // A bare origin's pathname is "/" even after trimming, hence the second trim.
    url.pathname = `${base.pathname.replace(/\/+$/, "")}/${(q >= 0 ? path.slice(0, q) : path).replace(/^\/+/, "")}`;
    if (q >= 0) url.search = path.slice(q);
  }
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, item);
    else url.searchParams.append(key, String(value));
  }
  return url;
}

/**
 * The URL's path and query with secret-looking query values replaced, for logs and error details.
 *
 * @example
 * loggablePath(new URL("https://otobo.test/Webservice/T/Ticket?SessionID=abc&Limit=5"));
 * // "/Webservice/T/Ticket?SessionID=[REDACTED]&Limit=5"
 */
export function loggablePath(url: URL): string {
  if (!url.search) return url.pathname;
  const parts: string[] = [];
  for (const [key, value] of url.searchParams) {
    const shown = SECRET_QUERY_KEY.test(key) ? "[REDACTED]" : encodeURIComponent(value);
    parts.push(`${encodeURIComponent(key)}=${shown}`);
  }
  return `${url.pathname}?${parts.join("&")}`;
}
