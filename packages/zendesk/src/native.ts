/**
 * @module native
 * The parts of Zendesk's JSON this plugin reads and writes (see the Ticketing API's `TicketObject`,
 * `GroupObject` and `TicketFieldObject`).
 */

export const ZENDESK_PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export const ZENDESK_TYPES = ["problem", "incident", "question", "task"] as const;
export const ZENDESK_STATUSES = ["new", "open", "pending", "hold", "solved", "closed"] as const;

export interface ZendeskTicket {
  id: number;
  subject?: string | null;
  raw_subject?: string | null;
  /** The first comment, as plain text. */
  description?: string | null;
  priority?: string | null;
  type?: string | null;
  status: string;
  tags?: string[];
  group_id?: number | null;
  requester_id?: number | null;
  custom_fields?: { id: number; value: unknown }[];
  created_at?: string;
  updated_at?: string;
}

export interface ZendeskGroup {
  id: number;
  name: string;
  deleted?: boolean;
}

export interface ZendeskTicketField {
  id: number;
  type: string;
  title: string;
  active?: boolean;
  custom_field_options?: { id?: number; name: string; value: string }[];
}

export interface ZendeskUser {
  id: number;
  name?: string;
  email?: string | null;
}

export interface ZendeskComment {
  id: number;
  body?: string;
  plain_body?: string;
  html_body?: string;
  public: boolean;
  author_id?: number;
  created_at?: string;
}

/** The `ticket` object of an update (`PUT /api/v2/tickets/{id}`). */
export interface ZendeskTicketUpdate {
  subject?: string;
  group_id?: number;
  priority?: string;
  type?: string;
  status?: string;
  tags?: string[];
  additional_tags?: string[];
  remove_tags?: string[];
  custom_fields?: { id: number; value: unknown }[];
  comment?: { body?: string; html_body?: string; public: boolean };
  safe_update?: boolean;
  updated_stamp?: string;
}
