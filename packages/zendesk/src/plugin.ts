/**
 * @module plugin
 * Registers `zendesk:ZendeskTicketSystemService`, also known by the integration guide's id
 * `otai_zendesk:ZendeskTicketsystemService`.
 */
import { createHttpClient, definePlugin, defineService, PLUGIN_API_VERSION } from "@otai/core";
import { authorizationOf, baseUrlOf, ZendeskParamsSchema } from "./params.ts";
import { createZendeskTicketSystem } from "./service.ts";

export const ZendeskTicketSystemService = defineService({
  kind: "ticket-system",
  name: "ZendeskTicketSystemService",
  description: "Zendesk Support over its REST API: groups are queues; notes are private comments.",
  params: ZendeskParamsSchema,
  create(params, context) {
    const http = createHttpClient({
      baseUrl: `${baseUrlOf(params)}/api/v2`,
      name: "Zendesk",
      auth: () => authorizationOf(params),
      timeoutMs: params.timeout * 1000,
      verify: params.verify,
      logger: context.logger,
      secrets: context.secrets,
      ...(params.requests_per_minute ? { rateLimit: { requestsPerMinute: params.requests_per_minute } } : {}),
    });
    if (params.webhook_secret) context.secrets.add(params.webhook_secret);
    return createZendeskTicketSystem(http, {
      ...(params.webhook_secret ? { webhookSecret: params.webhook_secret } : {}),
    });
  },
});

export default definePlugin({
  name: "otai-zendesk",
  version: "0.1.0",
  prefix: "zendesk",
  apiVersion: `^${PLUGIN_API_VERSION}`,
  description: "Zendesk Support ticket system.",
  setup(api) {
    api.register(ZendeskTicketSystemService, { aliases: ["otai_zendesk:ZendeskTicketsystemService"] });
  },
});
