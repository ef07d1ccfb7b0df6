/**
 * @module fakes/zendesk/pipeline
 * What happens to every request, in Zendesk's order as far as it is known: record it, meet an
 * injected fault if one is due, authenticate, count it against the account budget, route it, check
 * admin rights and the endpoint budget, read the JSON body, run the handler, and answer with the
 * rate-limit headers Zendesk puts on every response.
 */
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { OpenApiDocument } from "../../openapi/types.ts";
import { validateRequest } from "../../openapi/validate-request.ts";
import { validateResponse } from "../../openapi/validate-response.ts";
import { authenticate } from "./auth.ts";
import type { Fault, FaultInjector } from "./faults.ts";
import type { RateBucket, RateLimiter, RateVerdict } from "./rate-limit.ts";
import { badRequest, forbidden, invalidEndpoint, jsonReply, type Reply, unauthorized } from "./reply.ts";
import { flattenHeaders, type RecordedRequest } from "./request-log.ts";
import { type FakeState, matchRoute, type Route } from "./router.ts";

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface PipelineDeps {
  state: FakeState;
  routes: readonly Route[];
  limiter: RateLimiter;
  faults: FaultInjector;
  log: RecordedRequest[];
  openApi: OpenApiDocument | undefined;
  /** Waits `ms` unless the server closes first; resolves `false` when it closed. */
  wait: (ms: number) => Promise<boolean>;
}

/** Builds the `request` listener of the fake's HTTP server. */
export function createPipeline(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      // A bug in the fake, not a Zendesk behaviour: say so plainly.
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, jsonReply(500, { error: "FakeZendeskError", description: message }), {});
    });
  };
}

async function handle(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state, limiter } = deps;
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "http://fake.invalid");
  const path = url.pathname;
  const raw = await readBody(req);
  const body = parseBody(raw);
  const entry: RecordedRequest = {
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    headers: flattenHeaders(req.headers),
    body: body.value,
    status: 0,
  };
  if (deps.openApi) {
    entry.validation = validateRequest(deps.openApi, { method, path, query: url.searchParams, body: body.value });
  }
  deps.log.push(entry);
  const reply = (r: Reply, verdict: RateVerdict): void => {
    entry.status = r.status;
    if (deps.openApi && r.json !== undefined) {
      entry.responseValidation = validateResponse(deps.openApi, { method, path, status: r.status, body: r.json });
    }
    send(res, r, rateHeaders(verdict, path));
  };

  const fault = deps.faults.pick(method, path);
  if (fault) entry.fault = fault.kind;
  if (fault?.kind === "drop") {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === "delay" && !(await deps.wait(fault.ms))) return;
  if (res.destroyed) return;
  if (fault && fault.kind !== "delay") return reply(faultReply(fault, state), limiter.peek("account"));

  const caller = authenticate(req.headers.authorization, state.settings.credentials);
  if (!caller) return reply(unauthorized(), limiter.peek("account"));
  const account = limiter.take("account");
  if (!account.allowed) return reply(tooManyRequests(account, state, "account"), account);

  const match = matchRoute(deps.routes, method, path);
  if (!match) return reply(invalidEndpoint(), account);
  const { route, params } = match;
  if (route.adminOnly && !caller.admin) return reply(forbidden(), account);
  if (route.bucket) {
    const endpoint = limiter.take(route.bucket);
    if (!endpoint.allowed) return reply(tooManyRequests(endpoint, state, route.bucket), account);
  }
  if (raw.length > 0 && method !== "GET") {
    const contentType = req.headers["content-type"] ?? "";
    if (state.settings.quirks.requireJsonContentType && !/application\/json/i.test(contentType)) {
      return reply(
        jsonReply(415, { error: "UnsupportedMediaType", description: "Send JSON with Content-Type: application/json" }),
        account,
      );
    }
    if (!body.json) return reply(badRequest("InvalidJSON", "The request body is not valid JSON"), account);
  }
  const result = route.handler({ method, path, query: url.searchParams, body: body.value, params, caller }, state);
  reply(result, account);
}

function faultReply(fault: Exclude<Fault, { kind: "drop" | "delay" }>, state: FakeState): Reply {
  if (fault.kind === "rateLimit") {
    return rateLimitBody(state, "account", { "Retry-After": String(fault.retryAfterSeconds) });
  }
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { "Retry-After": String(fault.retryAfterSeconds) };
  return { status: fault.status, text: fault.body ?? STATUS_CODES[fault.status] ?? "Error", headers };
}

function tooManyRequests(verdict: RateVerdict, state: FakeState, bucket: RateBucket): Reply {
  return rateLimitBody(state, bucket, { "Retry-After": String(verdict.resetSeconds) });
}

const RATE_LIMIT_TEXT: Record<RateBucket, string> = {
  account: "Too Many Requests. You have exceeded the API rate limit; retry after the time in the Retry-After header.",
  updateTicket: "Rate limit for ticket updates exceeded, please wait before updating this ticket again",
  incremental: "Too Many Requests. The incremental export allows 10 requests per minute.",
  searchExport: "Too Many Requests. The export search allows 100 requests per minute.",
};

function rateLimitBody(state: FakeState, bucket: RateBucket, headers: Record<string, string>): Reply {
  const text = RATE_LIMIT_TEXT[bucket];
  if (state.settings.quirks.rateLimitBody === "json") {
    return { status: 429, json: { error: "TooManyRequests", description: text }, headers };
  }
  return { status: 429, text, headers };
}

/** `X-Rate-Limit(-Remaining)` on every answer; the `ratelimit-*` trio on the ticketing API. */
function rateHeaders(verdict: RateVerdict, path: string): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Rate-Limit": String(verdict.limit),
    "X-Rate-Limit-Remaining": String(verdict.remaining),
  };
  if (path.startsWith("/api/v2/")) {
    headers["ratelimit-limit"] = String(verdict.limit);
    headers["ratelimit-remaining"] = String(verdict.remaining);
    headers["ratelimit-reset"] = String(verdict.resetSeconds);
  }
  return headers;
}

function send(res: ServerResponse, reply: Reply, extra: Record<string, string>): void {
  if (res.destroyed || res.headersSent) return;
  const isText = reply.text !== undefined;
  const payload = isText ? (reply.text ?? "") : JSON.stringify(reply.json ?? null);
  res.writeHead(reply.status, {
    "Content-Type": isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(payload),
    ...extra,
    ...reply.headers,
  });
  res.end(payload);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(raw: string): { value: unknown; json: boolean } {
  if (raw.length === 0) return { value: undefined, json: false };
  try {
    return { value: JSON.parse(raw), json: true };
  } catch {
    return { value: raw, json: false };
  }
}
