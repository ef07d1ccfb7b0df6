/**
 * @module server/routes
 * The server's few routes, matched on the path alone, so that a known path with the wrong method
 * can answer 405 with `Allow` and anything else 404.
 */

export type Route = { kind: "healthz" } | { kind: "readyz" } | { kind: "metrics" } | { kind: "webhook"; name: string };

/** A webhook name as it may appear in the path: the URL's unreserved characters, nothing to decode. */
const WEBHOOK_PATH = /^\/webhooks\/([A-Za-z0-9._~-]+)$/;

/**
 * The route for a path, or undefined.
 *
 * @example
 * matchRoute("/webhooks/zendesk"); // { kind: "webhook", name: "zendesk" }
 * matchRoute("/healthz/"); // undefined
 */
export function matchRoute(pathname: string): Route | undefined {
  if (pathname === "/healthz") return { kind: "healthz" };
  if (pathname === "/readyz") return { kind: "readyz" };
  if (pathname === "/metrics") return { kind: "metrics" };
  const webhook = WEBHOOK_PATH.exec(pathname);
  if (webhook?.[1]) return { kind: "webhook", name: webhook[1] };
  return undefined;
}

/** The one method each route answers. HEAD is refused too: probes and scrapers use GET. */
export function allowedMethod(route: Route): "GET" | "POST" {
  return route.kind === "webhook" ? "POST" : "GET";
}
