/**
 * @module server/respond
 * Writing the server's answers: JSON (or Prometheus text) that no cache keeps and no browser sniffs.
 */
import type { ServerResponse } from "node:http";

/**
 * Sends `body` as JSON (or an empty body when it is undefined).
 *
 * @example
 * sendJson(res, 404, { error: "not found" });
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  // 204 and 304 cannot carry a body; a handler's one is dropped rather than sent with a wrong length.
  if (body === undefined || status === 204 || status === 304) {
    send(res, status, undefined, headers);
    return;
  }
  send(res, status, `${JSON.stringify(body)}\n`, { "content-type": "application/json; charset=utf-8", ...headers });
}

/**
 * Sends a text body with the given headers (their content type included).
 *
 * @example
 * send(res, 200, await registry.metrics(), { "content-type": registry.contentType });
 */
export function send(
  res: ServerResponse,
  status: number,
  body: string | undefined,
  headers: Readonly<Record<string, string>>,
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, {
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-length": String(body === undefined ? 0 : Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}
