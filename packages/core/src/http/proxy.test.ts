import assert from "node:assert/strict";
import { createServer, request as httpRequest, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import {
  closeServer,
  selfSignedCertificate,
  sendJson,
  startServer,
  type TestCertificate,
  type TestServer,
} from "./_test-support.ts";
import { createHttpClient } from "./client.ts";
import { proxySettings } from "./dispatcher.ts";
import type { HttpClientOptions } from "./types.ts";

/**
 * A tiny forward proxy that records what it forwards: CONNECT tunnels (what undici's ProxyAgent uses,
 * for http and https targets alike) and plain absolute-URI requests. Whatever host is asked for, it
 * only ever connects to 127.0.0.1, so test host names need no DNS.
 */
interface TestProxy {
  url: string;
  /** `host:port` of every CONNECT, and the absolute URI of every plain request. */
  forwarded: string[];
  close(): Promise<void>;
}

async function startProxy(): Promise<TestProxy> {
  const forwarded: string[] = [];
  const tunnels = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    forwarded.push(req.url ?? "");
    const target = new URL(req.url ?? "");
    const upstream = httpRequest(
      {
        host: "127.0.0.1",
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.on("connect", (req, client: Socket, head: Buffer) => {
    forwarded.push(req.url ?? "");
    const port = Number((req.url ?? "").split(":").at(-1));
    const upstream = connect(port, "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      tunnels.add(socket);
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
      socket.on("close", () => tunnels.delete(socket));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    close: async () => {
      for (const socket of tunnels) socket.destroy();
      await closeServer(server);
    },
  };
}

describe("proxy from the (injected) environment", () => {
  let target: TestServer;
  let proxy: TestProxy;
  let deadProxy: string;
  const clients: { close(): Promise<void> }[] = [];

  before(async () => {
    target = await startServer((req, res) => sendJson(res, 200, { host: req.headers.host }));
    proxy = await startProxy();
    const dead = await startServer(() => {});
    await dead.close();
    deadProxy = `http://127.0.0.1:${dead.port}`;
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await proxy.close();
    await target.close();
  });

  function client(env: Record<string, string>, options: Partial<HttpClientOptions> = {}) {
    const c = createHttpClient({ baseUrl: target.url, name: "Zammad", env, retries: { max: 0 }, ...options });
    clients.push(c);
    return c;
  }

  /** Sends one request and says how many the proxy forwarded for it. */
  async function throughProxy(c: ReturnType<typeof client>, path = "/api/v1/tickets"): Promise<number> {
    const before = proxy.forwarded.length;
    const requests = target.requests;
    const response = await c.request({ method: "GET", path });
    assert.equal(response.status, 200);
    assert.equal(target.requests - requests, 1, "the help desk got the request");
    return proxy.forwarded.length - before;
  }

  it("sends requests through HTTP_PROXY (fake proxy counting what it forwards, fake server)", async () => {
    assert.equal(await throughProxy(client({ HTTP_PROXY: proxy.url })), 1);
    assert.equal(proxy.forwarded.at(-1), `127.0.0.1:${target.port}`);
  });

  it("lets the proxy resolve host names: a name only the proxy knows works through it (fake proxy counting, fake server)", async () => {
    const c = client(
      { HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" },
      { baseUrl: `http://desk.example.test:${target.port}` },
    );
    const before = proxy.forwarded.length;
    const response = await c.request<{ host: string }>({ method: "GET", path: "/api/v1/tickets" });
    assert.equal(response.body.host, `desk.example.test:${target.port}`);
    assert.deepEqual(proxy.forwarded.slice(before), [`desk.example.test:${target.port}`]);
  });

  it("goes direct for a host in NO_PROXY (fake proxy counting: nothing forwarded, fake server)", async () => {
    assert.equal(await throughProxy(client({ HTTP_PROXY: proxy.url, NO_PROXY: "localhost,127.0.0.1" })), 0);
    assert.equal(await throughProxy(client({ HTTP_PROXY: proxy.url, NO_PROXY: "*" })), 0);
  });

  it("matches a NO_PROXY port: only the same port goes direct (fake proxy counting, fake server)", async () => {
    assert.equal(await throughProxy(client({ HTTP_PROXY: proxy.url, NO_PROXY: `127.0.0.1:${target.port}` })), 0);
    assert.equal(await throughProxy(client({ HTTP_PROXY: proxy.url, NO_PROXY: `127.0.0.1:${target.port + 1}` })), 1);
  });

  it("prefers the lower-case variable, as curl does (fake proxy counting, fake server)", async () => {
    assert.equal(await throughProxy(client({ HTTP_PROXY: deadProxy, http_proxy: proxy.url })), 1);
    assert.deepEqual(proxySettings({ HTTP_PROXY: "a", https_proxy: "b", HTTPS_PROXY: "c", no_proxy: "d" }), {
      httpProxy: "a",
      httpsProxy: "b",
      noProxy: "d",
    });
  });

  it("reads only the injected env, never process.env behind its back (fake proxy counting, fake server)", async () => {
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = deadProxy;
    try {
      assert.equal(await throughProxy(client({})), 0);
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
    }
  });
});

describe("https through HTTPS_PROXY", () => {
  let cert: TestCertificate;
  let target: TestServer;
  let proxy: TestProxy;

  before(async () => {
    cert = selfSignedCertificate();
    target = await startServer((_req, res) => sendJson(res, 200, { ok: true }), { key: cert.key, cert: cert.cert });
    proxy = await startProxy();
  });
  after(async () => {
    await proxy.close();
    await target.close();
    cert.remove();
  });

  it("tunnels with CONNECT and still verifies the help desk's certificate inside the tunnel (fake proxy counting, fake server)", async () => {
    const env = { HTTPS_PROXY: proxy.url };
    const trusting = createHttpClient({ baseUrl: target.url, name: "Zammad", env, verify: cert.certPath });
    const strict = createHttpClient({ baseUrl: target.url, name: "Zammad", env, retries: { max: 0 } });
    try {
      const response = await trusting.request({ method: "GET", path: "/api/v1/tickets" });
      assert.equal(response.status, 200);
      assert.deepEqual(proxy.forwarded, [`127.0.0.1:${target.port}`]);
      await assert.rejects(strict.request({ method: "GET", path: "/api/v1/tickets" }), /certificate/);
      assert.equal(proxy.forwarded.length, 2, "the refused one went through the proxy too");
      assert.equal(target.requests, 1);
    } finally {
      await trusting.close();
      await strict.close();
    }
  });
});
