/**
 * @module otai-zendesk
 * Zendesk for Open Ticket AI: registers `zendesk:ZendeskTicketSystemService` (alias
 * `otai_zendesk:ZendeskTicketsystemService`, the integration guide's id), and offers webhook
 * verification for push triggers.
 */

export { toUnifiedTicket, toZendeskComment, toZendeskUpdate, type ZendeskDirectory } from "./mapping.ts";
export type {
  ZendeskComment,
  ZendeskGroup,
  ZendeskTicket,
  ZendeskTicketField,
  ZendeskTicketUpdate,
  ZendeskUser,
} from "./native.ts";
export { authorizationOf, baseUrlOf, type ZendeskParams, ZendeskParamsSchema } from "./params.ts";
export { default, ZendeskTicketSystemService } from "./plugin.ts";
export { createZendeskTicketSystem, type ZendeskServiceOptions } from "./service.ts";
export {
  parseZendeskWebhook,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyZendeskSignature,
  type ZendeskTicketEvent,
} from "./webhook.ts";
