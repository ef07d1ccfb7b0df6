/**
 * @module fakes/zendesk/render
 * Stored resources as the API returns them: with an absolute `url` built from the fake's address and
 * the read-only fields Zendesk adds (`generated_timestamp`, `fields`, ...).
 */
import type { ZendeskGroup, ZendeskTicket, ZendeskTicketField, ZendeskUser, ZendeskView } from "./types.ts";

/**
 * @example
 * ticketJson(ticket, "http://127.0.0.1:4010").url; // "http://127.0.0.1:4010/api/v2/tickets/1.json"
 */
export function ticketJson(ticket: ZendeskTicket, baseUrl: string): Record<string, unknown> {
  return {
    url: `${baseUrl}/api/v2/tickets/${ticket.id}.json`,
    ...structuredClone(ticket),
    generated_timestamp: Math.floor(Date.parse(ticket.updated_at) / 1000),
    // `fields` is Zendesk's alias of `custom_fields`, returned with the same content.
    fields: structuredClone(ticket.custom_fields),
    custom_status_id: null,
    // Not nullable in the spec; "unoffered" is what an account with CSAT shows before any rating.
    satisfaction_rating: { score: "unoffered" },
    sharing_agreement_ids: [],
    followup_ids: [],
    from_messaging_channel: false,
    allow_attachments: true,
    allow_channelback: false,
  };
}

export function userJson(user: ZendeskUser, baseUrl: string): Record<string, unknown> {
  return { url: `${baseUrl}/api/v2/users/${user.id}.json`, ...structuredClone(user) };
}

export function groupJson(group: ZendeskGroup, baseUrl: string): Record<string, unknown> {
  return { url: `${baseUrl}/api/v2/groups/${group.id}.json`, ...structuredClone(group) };
}

export function ticketFieldJson(field: ZendeskTicketField, baseUrl: string): Record<string, unknown> {
  return {
    url: `${baseUrl}/api/v2/ticket_fields/${field.id}.json`,
    ...structuredClone(field),
    title_in_portal: field.title,
    visible_in_portal: false,
    editable_in_portal: false,
    required_in_portal: false,
    removable: true,
    agent_can_edit: true,
  };
}

export function viewJson(view: ZendeskView, baseUrl: string): Record<string, unknown> {
  return { url: `${baseUrl}/api/v2/views/${view.id}.json`, ...structuredClone(view) };
}
