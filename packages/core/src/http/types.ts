/**
 * @module http/types
 * The public shape of the shared help-desk HTTP client: what an adapter passes in and gets back.
 * The behaviour lives in {@link createHttpClient} (`client.ts`); this file only names things, so that
 * adapters and tests can import the types without pulling in undici.
 */
import type { Logger } from "pino";
import type { SecretRegistry } from "../logging/secrets.ts";

/** HTTP methods the client sends. Upper case, as on the wire. */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

/** A query value; arrays repeat the key (`a=1&a=2`, which OTOBO reads as OR), `undefined` is left out. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** Milliseconds since the epoch, like `Date.now()`; injectable so tests can run on a virtual clock. */
export type Now = () => number;

/** Waits `ms`, rejecting with the signal's reason when it aborts. Injectable so tests never really wait. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * One request.
 *
 * @example
 * const req: HttpRequest = { method: "GET", path: "/tickets.json", query: { "page[size]": 100 } };
 */
export interface HttpRequest {
  method: HttpMethod;
  /**
   * Joined to `baseUrl` (`/tickets.json` under `https://acme.zendesk.com/api/v2`). An absolute URL is
   * accepted for pagination links (`links.next`, `Link: <…>; rel="next"`), but only on the origin of
   * `baseUrl`: the credentials are never sent anywhere else.
   */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  /** Sent as JSON with `content-type: application/json`. */
  body?: unknown;
  headers?: Record<string, string> | undefined;
  /**
   * Whether sending the request twice is harmless, which allows retrying it after a 5xx, a timeout or
   * a dropped connection. Defaults to true for GET, HEAD, PUT, DELETE and OPTIONS and false for POST
   * and PATCH; set it for a POST that only reads (OTOBO's TicketSearch) or carries an idempotency key.
   */
  idempotent?: boolean | undefined;
  /** Aborts the request, including any wait for a retry or the rate-limit budget. */
  signal?: AbortSignal | undefined;
  /** Per attempt; defaults to the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
}

/** A successful (2xx or 304) response. */
export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the content type is JSON, else the text; `undefined` when the body is empty. */
  body: T;
  /** The URL that answered, query included. */
  url: string;
}

/** What {@link HttpClientOptions.onResponse} receives after every attempt that got a response. */
export interface HttpResponseInfo {
  method: HttpMethod;
  /** The path with secret-looking query values replaced, as in the logs. */
  path: string;
  status: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** Time to the response headers and body. */
  ms: number;
  /** The lowest remaining count of any rate-limit header on the response, when there is one. */
  rateLimitRemaining: number | undefined;
}

export interface RetryOptions {
  /** Retries after the first attempt (so `max + 1` attempts at most). Default 4. */
  max?: number;
  /** Backoff base: the cap of the n-th retry's delay is `baseDelayMs * 2^n`. Default 250. */
  baseDelayMs?: number;
  /** The largest backoff delay. Default 30000. */
  maxDelayMs?: number;
}

export interface RateLimitOptions {
  /** A client-side budget: never more than this many requests in any rolling minute. */
  requestsPerMinute?: number;
  /**
   * The length of the help desk's rate-limit window when its headers do not say it. Zendesk and
   * Freshdesk count per minute, hence the default of 60000.
   */
  windowMs?: number;
  /** Share of the server's limit kept unused, for other clients of the same account. Default 0.02. */
  reserveFraction?: number;
}

export interface HttpClientOptions {
  /** For example `https://acme.zendesk.com/api/v2`. http and https only. */
  baseUrl: string;
  /** The help desk's name for messages and logs ("Zendesk"). */
  name: string;
  /**
   * The `Authorization` header value. Called before every attempt, so a token can rotate; its value is
   * registered with `secrets` so that it is scrubbed from every log line.
   */
  auth?: (() => string | Promise<string>) | undefined;
  /** Headers sent with every request (a request's own headers win). */
  headers?: Record<string, string> | undefined;
  /** Per attempt, including reading the body. Default 30000. */
  timeoutMs?: number | undefined;
  retries?: RetryOptions | undefined;
  /** The longest `Retry-After` that is waited; a longer one fails at once with `retryAfterMs`. Default 120000. */
  maxRetryAfterMs?: number | undefined;
  /**
   * TLS verification: true (the default) checks the certificate against Node's CA store, a string is
   * the path of a PEM CA bundle to check against instead (read once, at creation), false disables the
   * check (a self-signed test instance; never for a production help desk).
   */
  verify?: boolean | string | undefined;
  /** Where `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (or their lower-case forms) are read. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Keep-alive connections per origin. Default 10. */
  connections?: number | undefined;
  /** Receives one debug line per attempt: method, path (secret query values hidden), status, attempt, ms. */
  logger?: Logger | undefined;
  /** The auth header value (and its credential part) is added here, so logs never show it. */
  secrets?: SecretRegistry | undefined;
  rateLimit?: RateLimitOptions | undefined;
  /** Injectable for tests. */
  now?: Now | undefined;
  /** Injectable for tests. */
  sleep?: Sleep | undefined;
  /** Injectable for tests: a number in [0, 1), like `Math.random`. */
  random?: (() => number) | undefined;
  /** Called after every attempt that got a response, for metrics. Errors it throws are ignored. */
  onResponse?: ((info: HttpResponseInfo) => void) | undefined;
}

/**
 * A help-desk HTTP client: retries, rate-limit budget, timeouts, TLS, proxy and keep-alive in one place.
 *
 * @example
 * const client = createHttpClient({ baseUrl: "https://acme.zendesk.com/api/v2", name: "Zendesk" });
 * const { body } = await client.request<{ ticket: { id: number } }>({ method: "GET", path: "/tickets/1.json" });
 * await client.close();
 */
export interface HttpClient {
  /**
   * Sends a request, retrying where that is safe. Resolves with a 2xx (or 304) response; anything else
   * rejects with an `OtaiError` (`OTAI_HELPDESK_*`) whose details carry status, attempts, method and
   * path. An abort by the caller's signal rejects with the signal's reason.
   */
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
  /** Closes the connection pool; pending requests finish first. */
  close(): Promise<void>;
}
