/**
 * @module fakes/zendesk/auth
 * Zendesk's API authentication: `Basic base64("{email}/token:{api_token}")` or `Bearer {oauth_token}`.
 * Password logins (`{email}:{password}`) are refused, as Zendesk is phasing them out and adapters
 * must not rely on them.
 */
import type { ZendeskCredentials } from "./options.ts";

/** The authenticated caller. */
export interface Caller {
  userId: number;
  admin: boolean;
  scheme: "api-token" | "bearer";
}

/**
 * Checks an `Authorization` header; `undefined` means 401.
 *
 * @example
 * const header = `Basic ${Buffer.from("agent@example.test/token:fake-api-token").toString("base64")}`;
 * authenticate(header, DEFAULT_CREDENTIALS)?.scheme; // "api-token"
 */
export function authenticate(header: string | undefined, credentials: ZendeskCredentials): Caller | undefined {
  if (!header) return undefined;
  const [scheme = "", value = ""] = header.trim().split(/\s+/, 2);
  const caller = { userId: credentials.userId, admin: credentials.admin };
  if (scheme.toLowerCase() === "bearer") {
    return credentials.bearerToken !== null && value === credentials.bearerToken
      ? { ...caller, scheme: "bearer" }
      : undefined;
  }
  if (scheme.toLowerCase() !== "basic") return undefined;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator < 0) return undefined;
  const user = decoded.slice(0, separator);
  const secret = decoded.slice(separator + 1);
  const expectedUser = `${credentials.email}/token`;
  // Emails are case-insensitive; the token is not.
  if (user.toLowerCase() !== expectedUser.toLowerCase() || secret !== credentials.apiToken) return undefined;
  return { ...caller, scheme: "api-token" };
}

/**
 * The `Authorization` header value for an API token, as an adapter sends it.
 *
 * @example
 * fetch(`${zendesk.url}/api/v2/tickets.json`, { headers: { Authorization: zendeskBasicAuth("agent@example.test", "fake-api-token") } });
 */
export function zendeskBasicAuth(email: string, apiToken: string): string {
  return `Basic ${Buffer.from(`${email}/token:${apiToken}`).toString("base64")}`;
}
