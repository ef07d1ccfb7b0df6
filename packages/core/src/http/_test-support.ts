/**
 * @module http/_test-support
 * Fake servers, a virtual clock, log capture and a throw-away certificate for the HTTP client's tests.
 * Internal: not exported from the package.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "pino";
import { createLogger } from "../logging/logger.ts";
import type { SecretRegistry } from "../logging/secrets.ts";

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface TestServer {
  readonly server: Server;
  /** `http://127.0.0.1:PORT` (or https). */
  readonly url: string;
  readonly port: number;
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** Requests received so far. */
  readonly requests: number;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 with a free port; `tls` makes it https. */
export async function startServer(handler: Handler, tls?: { key: string; cert: string }): Promise<TestServer> {
  let connections = 0;
  let requests = 0;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    requests += 1;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => handler(req, res, Buffer.concat(chunks).toString("utf8")));
  };
  const server: Server = tls ? createHttpsServer(tls, listener) : createHttpServer(listener);
  server.on(tls ? "secureConnection" : "connection", () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    get connections() {
      return connections;
    },
    get requests() {
      return requests;
    },
    close: () => closeServer(server),
  };
}

/** Closes a server and every connection it holds (keep-alive ones and hanging requests included). */
export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Sends `body` as JSON with the given status and extra headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A clock that only moves when the code under test sleeps: `sleep(ms)` adds `ms` and returns at once.
 * Exact for one sleeper at a time, which the rate budget guarantees (its slots are handed out in turn).
 */
export interface VirtualClock {
  t: number;
  readonly sleeps: number[];
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Starts mid-minute on purpose, so a first rate-limit window is a partial one. */
export function virtualClock(start = Date.UTC(2026, 0, 5, 10, 0, 17, 345)): VirtualClock {
  const clock: VirtualClock = {
    t: start,
    sleeps: [],
    now: () => clock.t,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      clock.sleeps.push(ms);
      clock.t += Math.max(0, ms);
    },
  };
  return clock;
}

/** A debug-level logger wired like the CLI's ({@link createLogger} with the registry), writing into `lines`. */
export function captureLogs(secrets: SecretRegistry): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", secrets, destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines };
}

export interface TestCertificate {
  dir: string;
  keyPath: string;
  certPath: string;
  key: string;
  cert: string;
  remove(): void;
}

/** A self-signed certificate for 127.0.0.1 (made with the openssl CLI), valid for a day. */
export function selfSignedCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), "otai-http-tls-"));
  const keyPath = join(dir, "key.pem");
  const certPath = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      keyPath,
      "-out",
      certPath,
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "pipe" },
  );
  return {
    dir,
    keyPath,
    certPath,
    key: readFileSync(keyPath, "utf8"),
    cert: readFileSync(certPath, "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
