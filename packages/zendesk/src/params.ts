/**
 * @module params
 * The service's params, as the Zendesk integration guide writes them (`domain`, `email`, `api_token`,
 * `timeout`, `verify`), plus `base_url` (proxies, tests) and an OAuth token.
 */
import { z } from "zod";

export const ZendeskParamsSchema = z
  .object({
    /** The subdomain: `acme` for https://acme.zendesk.com. */
    domain: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/i, "expected the subdomain only, e.g. 'acme' for acme.zendesk.com")
      .optional(),
    /** Overrides the URL built from `domain`, e.g. for a proxy or a test server. */
    base_url: z.url().optional(),
    email: z.string().min(3).optional(),
    api_token: z.string().min(1).optional(),
    /** An OAuth access token, sent as a Bearer token, instead of email + API token. */
    oauth_token: z.string().min(1).optional(),
    /** Seconds per request, as in OTAI's other services. */
    timeout: z.number().positive().default(30),
    /** TLS verification: true, false, or the path of a CA bundle. */
    verify: z.union([z.boolean(), z.string().min(1)]).default(true),
    /** A client-side budget below the account's limit, e.g. to leave room for other integrations. */
    requests_per_minute: z.number().int().positive().optional(),
    /** The webhook's signing secret, for `POST /webhooks/<service id>` on the engine's server. */
    webhook_secret: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((params, ctx) => {
    if (params.domain === undefined && params.base_url === undefined) {
      ctx.addIssue({ code: "custom", message: "set domain (the Zendesk subdomain) or base_url", path: ["domain"] });
    }
    const basic = params.email !== undefined || params.api_token !== undefined;
    if (params.oauth_token !== undefined && basic) {
      ctx.addIssue({
        code: "custom",
        message: "use either oauth_token or email + api_token, not both",
        path: ["oauth_token"],
      });
    } else if (params.oauth_token === undefined && (params.email === undefined || params.api_token === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: "set email and api_token (or oauth_token)",
        path: [params.email === undefined ? "email" : "api_token"],
      });
    }
  });

export type ZendeskParams = z.infer<typeof ZendeskParamsSchema>;

/** The API's base URL for these params. */
export function baseUrlOf(params: ZendeskParams): string {
  return (params.base_url ?? `https://${params.domain}.zendesk.com`).replace(/\/+$/, "");
}

/** The Authorization header: Basic `{email}/token:{api_token}`, or Bearer for OAuth. */
export function authorizationOf(params: ZendeskParams): string {
  if (params.oauth_token !== undefined) return `Bearer ${params.oauth_token}`;
  return `Basic ${Buffer.from(`${params.email}/token:${params.api_token}`, "utf8").toString("base64")}`;
}
