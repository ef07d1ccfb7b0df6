/**
 * @module http/dispatcher
 * The undici dispatcher behind the client: one keep-alive pool per origin, the TLS settings, and the
 * proxy from the environment. Built on npm's undici (not Node's bundled copy), and used with undici's
 * own `fetch`, because dispatchers of two undici copies do not reliably work together.
 */
import { readFileSync } from "node:fs";
import { EnvHttpProxyAgent } from "undici";
import { errorMessage, OtaiError } from "../errors.ts";

/** The proxy variables, read the way curl does: the lower-case name first. */
export interface ProxySettings {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

/**
 * Reads `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (lower-case forms win) from `env`. Absent values are
 * empty strings, not `undefined`: undici would otherwise fall back to `process.env` itself, which would
 * make the injected `env` a lie.
 *
 * @example
 * proxySettings({ HTTPS_PROXY: "http://proxy:3128", NO_PROXY: "localhost" });
 * // { httpProxy: "", httpsProxy: "http://proxy:3128", noProxy: "localhost" }
 */
export function proxySettings(env: Readonly<Record<string, string | undefined>>): ProxySettings {
  const pick = (name: string) => env[name.toLowerCase()] ?? env[name] ?? "";
  // With HTTPS_PROXY empty, undici sends https requests through HTTP_PROXY.
  return { httpProxy: pick("HTTP_PROXY"), httpsProxy: pick("HTTPS_PROXY"), noProxy: pick("NO_PROXY") };
}

export interface DispatcherOptions {
  name: string;
  verify: boolean | string;
  env: Readonly<Record<string, string | undefined>>;
  connections: number;
}

/** The TLS options for `verify`; a CA bundle is read here, once, so a missing file fails at start-up. */
function tlsOptions(name: string, verify: boolean | string): { rejectUnauthorized: boolean; ca?: string } {
  if (typeof verify === "boolean") return { rejectUnauthorized: verify };
  try {
    return { rejectUnauthorized: true, ca: readFileSync(verify, "utf8") };
  } catch (error) {
    throw new OtaiError(
      "OTAI_CONFIG_INVALID",
      `${name}: cannot read the CA bundle '${verify}': ${errorMessage(error)}`,
      {
        cause: error,
        details: { verify },
      },
    );
  }
}

/**
 * A dispatcher for {@link DispatcherOptions}. `EnvHttpProxyAgent` holds a plain keep-alive `Agent` for
 * direct connections and a `ProxyAgent` per proxy, and picks one per origin by `NO_PROXY`. The TLS
 * options go to both `connect` (direct connections) and `requestTls` (the TLS session inside a
 * proxy's CONNECT tunnel), so verification is the same either way.
 *
 * @example
 * const dispatcher = createDispatcher({ name: "Zammad", verify: "/etc/ssl/zammad-ca.pem", env: process.env, connections: 10 });
 */
export function createDispatcher(options: DispatcherOptions): EnvHttpProxyAgent {
  const tls = tlsOptions(options.name, options.verify);
  return new EnvHttpProxyAgent({
    ...proxySettings(options.env),
    connections: options.connections,
    // Shorter than the 5 s most servers keep an idle connection, so we never reuse one they are closing.
    keepAliveTimeout: 4_000,
    connect: tls,
    requestTls: tls,
  });
}
