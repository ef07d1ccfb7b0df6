/**
 * @module fakes/zendesk/test-client
 * A minimal `fetch` client for the fake's own tests (and adapter tests that want raw calls): sends
 * the default API-token credentials and JSON, and returns status, headers, text and parsed JSON.
 */
import { zendeskBasicAuth } from "./auth.ts";
import { DEFAULT_CREDENTIALS } from "./options.ts";

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; `undefined` when it was not JSON. Loosely typed: tests read into it freely. */
  // biome-ignore lint/suspicious/noExplicitAny: test code reads arbitrary response fields.
  json: any;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Aborts the call after this many ms. */
  timeoutMs?: number;
}

/**
 * @example
 * const call = fakeZendeskClient(zendesk.url);
 * const { status, json } = await call("/api/v2/tickets/1.json");
 */
export function fakeZendeskClient(
  baseUrl: string,
  authorization: string | null = zendeskBasicAuth(DEFAULT_CREDENTIALS.email, DEFAULT_CREDENTIALS.apiToken),
): (pathOrUrl: string, options?: CallOptions) => Promise<RawResponse> {
  return async (pathOrUrl, options = {}) => {
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
    if (authorization !== null) headers.Authorization = authorization;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["Content-Type"] ??= "application/json";
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    }
    const init: RequestInit = { method: options.method ?? "GET", headers };
    if (body !== undefined) init.body = body;
    if (options.timeoutMs !== undefined) init.signal = AbortSignal.timeout(options.timeoutMs);
    const response = await fetch(pathOrUrl.startsWith("http") ? pathOrUrl : `${baseUrl}${pathOrUrl}`, init);
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
}
