/**
 * @module server/http-server
 * The engine's own HTTP server, on `node:http`: liveness (`/healthz`), readiness (`/readyz`),
 * Prometheus metrics (`/metrics`) and help-desk webhooks (`POST /webhooks/<name>`).
 *
 * It binds to 127.0.0.1 unless told otherwise. With a token, `/metrics` and `/readyz` need it as a
 * bearer token; `/healthz` stays open for probes and webhooks carry their own signatures. Only the
 * path, status and duration of a request are logged: never headers (the token, signatures) or bodies.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../contracts/component.ts";
import { OtaiError } from "../errors.ts";
import { bearerChecker } from "./bearer-auth.ts";
import type { EngineMetrics } from "./metrics.ts";
import { BodyTooLargeError, readBody } from "./read-body.ts";
import { type ReadinessCheck, type ReadinessReport, runReadiness } from "./readiness.ts";
import { send, sendJson } from "./respond.ts";
import { allowedMethod, matchRoute, type Route } from "./routes.ts";

/**
 * Handles one webhook delivery. `rawBody` holds the exact bytes received, for signature checks;
 * `url` has the request's path and query on a placeholder origin (the Host header is not trusted).
 * The returned body is sent as JSON; none for `undefined` (or a 204).
 *
 * @example
 * const zendesk: WebhookHandler = async ({ headers, rawBody }) => {
 *   if (!verify(rawBody, headers["x-zendesk-webhook-signature"])) return { status: 401, body: { error: "bad signature" } };
 *   queue.push(JSON.parse(rawBody.toString("utf8")));
 *   return { status: 202 };
 * };
 */
export type WebhookHandler = (request: {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  url: URL;
}) => Promise<{ status: number; body?: unknown }>;

export interface EngineServerOptions {
  /** Default `127.0.0.1`: reachable from this host only unless configured otherwise. */
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** When set, `/metrics` and `/readyz` require `Authorization: Bearer <token>`. */
  token?: string | undefined;
  metrics: EngineMetrics;
  readiness: readonly ReadinessCheck[];
  /** `POST /webhooks/<name>` goes to `webhooks[name]`. */
  webhooks?: Readonly<Record<string, WebhookHandler>>;
  logger: Logger;
  /** Larger bodies are refused with 413. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Per readiness check. Default 2000. */
  checkTimeoutMs?: number;
  /** Liveness: false once the engine is shutting down or wedged, which makes `/healthz` answer 503. */
  live?: () => boolean;
  /** How long `close()` lets requests in flight finish before cutting their connections. Default 5000. */
  closeTimeoutMs?: number;
}

export interface EngineServer {
  /** `http://127.0.0.1:9464` */
  url: string;
  port: number;
  /** What the socket is bound to (`{ address: "127.0.0.1", family: "IPv4", port }`). */
  address: AddressInfo;
  /** Stops accepting, ends idle keep-alive connections at once and busy ones after their response. */
  close(): Promise<void>;
}

const DEFAULT_HOST = "127.0.0.1";
const DEFAULT_BODY_LIMIT = 1024 * 1024;
const DEFAULT_CHECK_TIMEOUT_MS = 2000;
const DEFAULT_CLOSE_TIMEOUT_MS = 5000;

/**
 * Starts the server and resolves once it listens.
 *
 * @example
 * const metrics = createEngineMetrics();
 * const server = await startEngineServer({ port: 9464, metrics, readiness: [helpDesk], logger, token: process.env.OTAI_METRICS_TOKEN });
 * // curl -H "Authorization: Bearer $OTAI_METRICS_TOKEN" http://127.0.0.1:9464/metrics
 * await server.close();
 */
export async function startEngineServer(options: EngineServerOptions): Promise<EngineServer> {
  const { metrics, logger } = options;
  const host = options.host ?? DEFAULT_HOST;
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const webhooks = options.webhooks ?? {};
  if (options.token === "") throw new OtaiError("OTAI_CONFIG_INVALID", "the server token must not be empty");
  const authorize = options.token === undefined ? undefined : bearerChecker(options.token);
  let closing = false;
  /** Responses not yet finished, so that close() can take keep-alive off the ones still to be written. */
  const active = new Set<ServerResponse>();
  let pendingReadiness: Promise<ReadinessReport> | undefined;

  /** Probes can come in bursts (several kubelets, a retrying scraper); they share one run of the checks. */
  function readiness(): Promise<ReadinessReport> {
    pendingReadiness ??= runReadiness(options.readiness, checkTimeoutMs).finally(() => {
      pendingReadiness = undefined;
    });
    return pendingReadiness;
  }

  function isLive(): boolean {
    try {
      return !closing && (options.live?.() ?? true);
    } catch {
      return false;
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, matched: Route): Promise<void> {
    if (matched.kind === "healthz") {
      const live = isLive();
      sendJson(res, live ? 200 : 503, { status: live ? "ok" : "unavailable" });
      return;
    }
    if (matched.kind === "webhook") {
      await webhook(req, res, url, matched.name);
      return;
    }
    if (authorize) {
      const result = authorize(req.headers.authorization);
      if (result !== "ok") {
        const challenge = result === "missing" ? 'Bearer realm="otai"' : 'Bearer realm="otai", error="invalid_token"';
        sendJson(res, 401, { error: "unauthorized" }, { "www-authenticate": challenge });
        return;
      }
    }
    if (matched.kind === "readyz") {
      const report = await readiness();
      sendJson(res, report.status === "ok" ? 200 : 503, report);
      return;
    }
    const { contentType, body } = await metrics.render();
    send(res, 200, body, { "content-type": contentType });
  }

  async function webhook(req: IncomingMessage, res: ServerResponse, url: URL, name: string): Promise<void> {
    // Own keys only: `/webhooks/constructor` must not reach Object.prototype.
    const handler = Object.hasOwn(webhooks, name) ? webhooks[name] : undefined;
    if (!handler) {
      sendJson(res, 404, { error: "unknown webhook" });
      return;
    }
    let rawBody: Buffer;
    try {
      rawBody = await readBody(req, bodyLimit);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      metrics.webhookDeliveries.inc({ system: name, result: "rejected" });
      sendJson(res, 413, { error: `body larger than ${bodyLimit} bytes` }, { connection: "close" });
      return;
    }
    let result: { status: number; body?: unknown };
    try {
      result = await handler({ headers: req.headers, rawBody, url });
    } catch (error) {
      logger.error({ err: error, webhook: name }, `webhook ${name}: the handler failed`);
      sendJson(res, 500, { error: "internal error" });
      return;
    }
    const status = result?.status;
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      logger.error({ webhook: name, status }, `webhook ${name}: the handler returned an invalid status`);
      sendJson(res, 500, { error: "internal error" });
      return;
    }
    sendJson(res, status, result.body);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    if (closing) res.shouldKeepAlive = false;
    active.add(res);
    res.once("close", () => active.delete(res));
    let pathname = "?";
    try {
      let url: URL;
      try {
        url = new URL(req.url ?? "/", "http://engine.invalid");
      } catch {
        sendJson(res, 400, { error: "bad request" });
        return;
      }
      pathname = url.pathname;
      const matched = matchRoute(pathname);
      if (!matched) {
        sendJson(res, 404, { error: "not found" });
        return;
      }
      const method = allowedMethod(matched);
      if (req.method !== method) {
        sendJson(res, 405, { error: "method not allowed" }, { allow: method });
        return;
      }
      await route(req, res, url, matched);
    } catch (error) {
      logger.error({ err: error, method: req.method, path: pathname }, "the engine server failed to answer");
      sendJson(res, 500, { error: "internal error" });
    } finally {
      logger.debug(
        { method: req.method, path: pathname, status: res.statusCode, ms: Math.round(performance.now() - started) },
        "engine server request",
      );
    }
  }

  const server = createServer(
    {
      // Slow or stalled clients (slowloris) lose their connection instead of holding it.
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      keepAliveTimeout: 5_000,
    },
    (req, res) => {
      void onRequest(req, res);
    },
  );
  server.maxHeadersCount = 100;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new OtaiError(
          "OTAI_CONFIG_INVALID",
          `the engine server could not listen on ${host}:${options.port} (${error.code ?? error.message}); choose another host or port`,
          { cause: error, details: { host, port: options.port, code: error.code } },
        ),
      );
    };
    server.once("error", onError);
    server.listen(options.port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  server.on("error", (error) => logger.error({ err: error }, "engine server error"));

  const address = server.address() as AddressInfo;
  const { port } = address;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let closed: Promise<void> | undefined;
  logger.info({ url, auth: authorize !== undefined }, "engine server listening");

  return {
    url,
    port,
    address,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        // A connection busy when close() begins is not kept alive after its response.
        for (const res of active) if (!res.headersSent) res.shouldKeepAlive = false;
        const timer = setTimeout(
          () => server.closeAllConnections(),
          options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS,
        );
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        // Node ends idle keep-alive connections on close() itself; this covers ones that turn idle now.
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}
