/**
 * @module fakes/zendesk/router
 * The fake's route table type and its matcher. Zendesk serves every API path with and without a
 * `.json` suffix, so the suffix is stripped before matching. Literal routes are listed before
 * parameter routes (`/tickets/show_many` before `/tickets/:id`), and the first match wins.
 */
import type { Caller } from "./auth.ts";
import type { FakeClock } from "./clock.ts";
import type { JobQueue } from "./jobs.ts";
import type { ResolvedOptions } from "./options.ts";
import type { RateBucket } from "./rate-limit.ts";
import type { Reply } from "./reply.ts";
import type { ZendeskStore } from "./store.ts";

/** One request as a handler sees it. */
export interface HandlerRequest {
  method: string;
  /** The path as sent, without the query string (a `.json` suffix kept, for links). */
  path: string;
  query: URLSearchParams;
  /** The parsed JSON body, `undefined` when there was none. */
  body: unknown;
  /** Values of the route's `:name` segments. */
  params: Record<string, string>;
  caller: Caller;
}

/** The fake's state that handlers read and change. `settings` is live: control calls change it. */
export interface FakeState {
  store: ZendeskStore;
  jobs: JobQueue;
  clock: FakeClock;
  settings: ResolvedOptions;
  baseUrl: string;
}

export type Handler = (request: HandlerRequest, fake: FakeState) => Reply;

export interface Route {
  method: "GET" | "PUT" | "POST" | "DELETE";
  /** e.g. `/api/v2/tickets/:id`, without `.json`. */
  pattern: string;
  handler: Handler;
  /** An endpoint budget counted on top of the account's. */
  bucket?: RateBucket;
  /** Admins only (incremental exports). */
  adminOnly?: boolean;
}

/**
 * @example
 * matchRoute(routes, "GET", "/api/v2/tickets/7.json"); // { route, params: { id: "7" } }
 */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const segments = path.replace(/\.json$/, "").split("/");
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.pattern.split("/");
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = pattern.every((part, index) => {
      const actual = segments[index] ?? "";
      if (part.startsWith(":")) {
        params[part.slice(1)] = decodeURIComponent(actual);
        return actual !== "";
      }
      return part === actual;
    });
    if (fits) return { route, params };
  }
  return undefined;
}

/** Parses a route's numeric id; Zendesk ids are positive integers. */
export function numericParam(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
