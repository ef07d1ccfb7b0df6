/**
 * @module otai-zendesk
 * Zendesk for Open Ticket AI. This package will register `zendesk:ZendeskTicketSystemService`
 * (alias `otai_zendesk:ZendeskTicketsystemService`); so far it holds the params, the mapping between
 * Zendesk and unified tickets, and webhook verification.
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
export {
  parseZendeskWebhook,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyZendeskSignature,
  type ZendeskTicketEvent,
} from "./webhook.ts";
