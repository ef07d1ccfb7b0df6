/**
 * @module server/_test-support
 * A plain `node:http` client and log capture for the server's tests. Internal: not exported.
 */
import { type Agent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { Logger } from "pino";
import { createLogger } from "../logging/logger.ts";
import { createSecretRegistry } from "../logging/secrets.ts";

export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

export interface TestRequest {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as is; a string or Buffer gets a content-length, an array of chunks goes chunked. */
  body?: string | Buffer | readonly Buffer[];
  agent?: Agent;
}

/** Sends one request and reads the whole answer. */
export function send(url: string, options: TestRequest = {}): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const { body } = options;
    const headers: Record<string, string> = { ...options.headers };
    if (typeof body === "string" || Buffer.isBuffer(body)) headers["content-length"] = String(Buffer.byteLength(body));
    const req = httpRequest(url, { method: options.method ?? "GET", headers, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on("error", reject);
    });
    // The server may answer 413 and close while a large body is still going out; the answer counts.
    req.on("error", reject);
    if (body === undefined) req.end();
    else if (typeof body === "string" || Buffer.isBuffer(body)) req.end(body);
    else {
      for (const chunk of body) req.write(chunk);
      req.end();
    }
  });
}

/** A debug-level logger writing into `lines`. */
export function captureLogs(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({
    level: "debug",
    secrets: createSecretRegistry(),
    destination: { write: (line: string) => lines.push(line) },
  });
  return { logger, lines };
}
