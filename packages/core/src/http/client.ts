/**
 * @module http/client
 * The HTTP client every help-desk adapter shares. One request goes through these steps, each attempt
 * anew:
 *
 * 1. the URL is built from `baseUrl` (absolute URLs only on the same origin);
 * 2. the rate-limit budget hands out a slot (`rate-budget.ts`), waiting if the account is near its limit;
 * 3. `auth()` gives the Authorization value, which is registered as a secret before anything can log it;
 * 4. undici's `fetch` sends it through the keep-alive/proxy/TLS dispatcher (`dispatcher.ts`), with a
 *    per-attempt timeout joined to the caller's signal;
 * 5. the response's rate-limit headers go back to the budget, one debug line is logged, `onResponse` runs
 *    and an event goes out on the `otai:http:response` channel (`otai:http:error` for a failure
 *    without a response; `diagnostics.ts`);
 * 6. success returns; a retryable failure waits (`Retry-After` or backoff, `retry.ts`) and goes again;
 *    anything else throws the mapped `OtaiError` (`response-errors.ts`, `network-errors.ts`).
 */
import { fetch } from "undici";
import { OtaiError } from "../errors.ts";
import { parseBody } from "./body.ts";
import { systemNow, systemSleep } from "./clock.ts";
import type { HttpErrorEvent, HttpResponseEvent } from "./diagnostics.ts";
import { httpErrorChannel, httpResponseChannel } from "./diagnostics.ts";
import { createDispatcher } from "./dispatcher.ts";
import { classifyNetworkError, networkError } from "./network-errors.ts";
import { createRateBudget, type RatePermit } from "./rate-budget.ts";
import { lowestRemaining, readRateLimits } from "./rate-limit-headers.ts";
import { errorFromResponse } from "./response-errors.ts";
import { backoffDelay, isIdempotentMethod, RETRYABLE_STATUSES, retryPolicy } from "./retry.ts";
import { parseRetryAfter } from "./retry-after.ts";
import type { HttpClient, HttpClientOptions, HttpRequest, HttpResponse } from "./types.ts";
import { buildUrl, loggablePath, parseBaseUrl } from "./url.ts";

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRY_AFTER_MS = 120_000;

/**
 * Creates a client for one help desk. See {@link HttpClientOptions} for every option and
 * {@link HttpClient.request} for what a request resolves and rejects with.
 *
 * @example
 * const secrets = createSecretRegistry();
 * const zendesk = createHttpClient({
 *   baseUrl: "https://acme.zendesk.com/api/v2",
 *   name: "Zendesk",
 *   auth: () => `Basic ${Buffer.from(`${email}/token:${token}`).toString("base64")}`,
 *   secrets,
 *   logger: createLogger({ level: "DEBUG", secrets }),
 * });
 * const { body } = await zendesk.request<{ ticket: { id: number } }>({ method: "GET", path: "/tickets/42.json" });
 * await zendesk.close();
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { name, logger, secrets } = options;
  const base = parseBaseUrl(options.baseUrl, name);
  const policy = retryPolicy(options.retries);
  const now = options.now ?? systemNow;
  const sleep = options.sleep ?? systemSleep;
  const random = options.random ?? Math.random;
  const clientTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const dispatcher = createDispatcher({
    name,
    verify: options.verify ?? true,
    env: options.env ?? process.env,
    connections: options.connections ?? 10,
  });
  const budget = createRateBudget({
    name,
    now,
    sleep,
    requestsPerMinute: options.rateLimit?.requestsPerMinute,
    windowMs: options.rateLimit?.windowMs,
    reserveFraction: options.rateLimit?.reserveFraction,
    maxWaitMs: maxRetryAfterMs,
  });
  const authValues = new Set<string>();
  let closed = false;

  /** Registers the header value, its credential part and, for Basic, the decoded password or token. */
  function rememberAuth(value: string) {
    if (authValues.has(value)) return;
    authValues.add(value);
    const parts = [value];
    // Zammad's `Token token=…` keeps the secret behind a second prefix.
    const credential = value.replace(/^\S+\s+/, "").replace(/^token=/i, "");
    if (credential !== value) parts.push(credential);
    if (/^basic\s/i.test(value)) {
      const decoded = Buffer.from(credential, "base64").toString("utf8");
      parts.push(decoded, decoded.slice(decoded.lastIndexOf(":") + 1));
    }
    for (const part of parts) {
      if (part.length >= 8) {
        secrets?.add(part);
        if (part !== value) authValues.add(part);
      }
    }
  }

  /** Error bodies sometimes echo the request's headers; the credentials must not reach a message. */
  function scrub(text: string): string {
    let out = text;
    for (const value of authValues) out = out.split(value).join("[REDACTED]");
    return secrets ? secrets.scrub(out) : out;
  }

  async function headersFor(req: HttpRequest): Promise<Record<string, string>> {
    const headers: Record<string, string> = {
      accept: "application/json",
      "user-agent": "open-ticket-ai-ts",
      ...lowerCaseKeys(options.headers),
      ...lowerCaseKeys(req.headers),
    };
    if (req.body !== undefined) headers["content-type"] ??= "application/json";
    if (options.auth) {
      const value = await options.auth();
      rememberAuth(value);
      headers.authorization = value;
    }
    return headers;
  }

  async function request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    if (closed) throw new OtaiError("OTAI_INTERNAL", `${name}: the HTTP client is closed`);
    const { method } = req;
    const url = buildUrl(base, req.path, req.query, name);
    const path = loggablePath(url);
    const idempotent = req.idempotent ?? isIdempotentMethod(method);
    const timeoutMs = req.timeoutMs ?? clientTimeout;
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    const log = (fields: Record<string, unknown>, msg: string) =>
      logger?.debug({ helpdesk: name, method, path, ...fields }, msg);

    for (let attempt = 1; ; attempt++) {
      req.signal?.throwIfAborted();
      let permit: RatePermit;
      try {
        permit = await budget.acquire(req.signal);
      } catch (error) {
        if (error instanceof OtaiError) Object.assign(error.details, { method, path, attempts: attempt - 1 });
        throw error;
      }
      let requestHeaders: Record<string, string>;
      try {
        requestHeaders = await headersFor(req);
      } catch (error) {
        permit.settle();
        throw error;
      }
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      const started = performance.now();
      let status: number;
      let headers: Headers;
      let text: string;
      let responseUrl: string;
      try {
        const init = { method, headers: requestHeaders, signal, dispatcher, redirect: "manual" as const };
        const response = await fetch(url, body === undefined ? init : { ...init, body });
        status = response.status;
        headers = response.headers;
        responseUrl = response.url || url.href;
        text = await response.text();
      } catch (error) {
        permit.settle();
        if (req.signal?.aborted) throw req.signal.reason;
        const failure = classifyNetworkError(error, timeout.aborted);
        const ms = Math.round(performance.now() - started);
        if (httpErrorChannel.hasSubscribers) {
          // The client's own timeout leaves no code; ETIMEDOUT keeps timeouts apart on a dashboard.
          const code = failure.code ?? (failure.kind === "timeout" ? "ETIMEDOUT" : "OTAI_HELPDESK_UNAVAILABLE");
          httpErrorChannel.publish({
            name,
            method,
            path,
            code,
            kind: failure.kind,
            attempt,
            ms,
          } satisfies HttpErrorEvent);
        }
        const retry = failure.kind !== "certificate" && (failure.kind === "not-sent" || idempotent);
        if (retry && attempt <= policy.max) {
          const waitMs = backoffDelay(attempt - 1, policy, random);
          log({ attempt, ms, error: failure.code ?? failure.kind, retryInMs: waitMs }, `${name} request failed`);
          await sleep(waitMs, req.signal);
          continue;
        }
        log({ attempt, ms, error: failure.code ?? failure.kind }, `${name} request failed`);
        throw networkError(name, failure, error, {
          method,
          path,
          origin: url.origin,
          attempts: attempt,
          idempotent,
          timeoutMs,
        });
      }

      const ms = Math.round(performance.now() - started);
      const observations = readRateLimits(headers, now());
      const retryAfterMs = parseRetryAfter(headers.get("retry-after"), now());
      permit.settle({ observations, status, retryAfterMs });
      try {
        options.onResponse?.({ method, path, status, attempt, ms, rateLimitRemaining: lowestRemaining(observations) });
      } catch {
        // A metrics hook must never break a request.
      }
      if (httpResponseChannel.hasSubscribers) {
        httpResponseChannel.publish({ name, method, path, status, attempt, ms } satisfies HttpResponseEvent);
      }

      if ((status >= 200 && status < 300) || status === 304) {
        log({ status, attempt, ms }, `${name} ${method} ${status}`);
        const parsed = parseBody(text, headers.get("content-type"));
        if (parsed.malformedJson) {
          throw new OtaiError(
            "OTAI_HELPDESK_UNAVAILABLE",
            `${name} answered ${status} to ${method} ${path} with malformed JSON`,
            {
              retryable: false,
              details: { status, method, path, attempts: attempt },
            },
          );
        }
        return { status, headers, body: parsed.body as T, url: responseUrl };
      }

      let waitMs: number | undefined;
      if (status === 429 && attempt <= policy.max && (retryAfterMs ?? 0) <= maxRetryAfterMs) {
        // Refused unprocessed, so safe for any method; the server said how long to wait, or we guess.
        waitMs = retryAfterMs ?? backoffDelay(attempt - 1, policy, random);
      } else if (idempotent && RETRYABLE_STATUSES.has(status) && attempt <= policy.max) {
        // A 503 may say when to come back; a far-off date is not worth waiting for here.
        waitMs =
          retryAfterMs !== undefined && retryAfterMs <= maxRetryAfterMs
            ? retryAfterMs
            : backoffDelay(attempt - 1, policy, random);
      }
      log(
        { status, attempt, ms, ...(waitMs === undefined ? {} : { retryInMs: waitMs }) },
        `${name} ${method} ${status}`,
      );
      if (waitMs !== undefined) {
        await sleep(waitMs, req.signal);
        continue;
      }
      if (status >= 300 && status < 400) throw redirectError(name, status, headers, method, path, attempt);
      throw errorFromResponse(name, status, parseBody(scrub(text), headers.get("content-type")).body, headers, {
        method,
        path,
        attempts: attempt,
        idempotent,
        nowMs: now(),
      });
    }
  }

  return {
    request,
    async close() {
      closed = true;
      await dispatcher.close();
    },
  };
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) out[key.toLowerCase()] = value;
  return out;
}

/**
 * Redirects are not followed: a POST would silently become a GET, and a redirect to another host
 * would receive the credentials. An API answering with one almost always means a wrong `baseUrl`
 * (http instead of https, a renamed subdomain), which the message points at.
 */
function redirectError(
  name: string,
  status: number,
  headers: Headers,
  method: string,
  path: string,
  attempts: number,
): OtaiError {
  const location = headers.get("location");
  let target = "";
  if (location) {
    try {
      const url = new URL(location, "http://x.invalid");
      target = location.startsWith("/") ? loggablePath(url) : `${url.origin}${loggablePath(url)}`;
    } catch {
      target = "";
    }
  }
  return new OtaiError(
    "OTAI_HELPDESK_INVALID",
    `${name} answered ${status} to ${method} ${path} with a redirect${target ? ` to ${target}` : ""}; check the base URL`,
    { details: { status, method, path, attempts, ...(target ? { location: target } : {}) } },
  );
}
