/**
 * @module fakes/zendesk/types
 * The resources the fake Zendesk keeps, in Zendesk's own JSON field names (snake_case), so that what a
 * test seeds, what the fake stores and what the API returns read the same.
 */

export type TicketStatus = "new" | "open" | "pending" | "hold" | "solved" | "closed";
export type TicketPriority = "urgent" | "high" | "normal" | "low";
export type TicketType = "problem" | "incident" | "question" | "task";

/** Status order used by search comparisons (`status<solved`). */
export const TICKET_STATUSES: readonly TicketStatus[] = ["new", "open", "pending", "hold", "solved", "closed"];
/** Priority order used by search comparisons and sorting. */
export const TICKET_PRIORITIES: readonly TicketPriority[] = ["low", "normal", "high", "urgent"];
export const TICKET_TYPES: readonly TicketType[] = ["problem", "incident", "question", "task"];

/** A custom field value on a ticket: text, number, checkbox, drop-down tag, multi-select tags, or unset. */
export type CustomFieldValue = string | number | boolean | string[] | null;

/** A ticket as stored (its `url` is added when rendered, from the server's address). */
export interface ZendeskTicket {
  id: number;
  external_id: string | null;
  created_at: string;
  updated_at: string;
  type: TicketType | null;
  subject: string | null;
  raw_subject: string | null;
  description: string;
  priority: TicketPriority | null;
  status: TicketStatus;
  recipient: string | null;
  requester_id: number | null;
  submitter_id: number | null;
  assignee_id: number | null;
  organization_id: number | null;
  group_id: number | null;
  brand_id: number | null;
  collaborator_ids: number[];
  follower_ids: number[];
  email_cc_ids: number[];
  problem_id: number | null;
  has_incidents: boolean;
  is_public: boolean;
  due_at: string | null;
  tags: string[];
  custom_fields: { id: number; value: CustomFieldValue }[];
  ticket_form_id: number | null;
  via: { channel: string; source: Record<string, unknown> };
}

export interface ZendeskComment {
  id: number;
  type: "Comment";
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  attachments: unknown[];
  audit_id: number;
  via: { channel: string; source: Record<string, unknown> };
  metadata: Record<string, unknown>;
  created_at: string;
}

/** One event of an audit: a field change, or the comment that came with the update. */
export type ZendeskAuditEvent =
  | { id: number; type: "Create" | "Change"; field_name: string; value: unknown; previous_value?: unknown }
  | {
      id: number;
      type: "Comment";
      body: string;
      html_body: string;
      plain_body: string;
      public: boolean;
      author_id: number;
    };

export interface ZendeskAudit {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  via: { channel: string; source: Record<string, unknown> };
  metadata: Record<string, unknown>;
  events: ZendeskAuditEvent[];
}

export interface ZendeskUser {
  id: number;
  name: string;
  email: string;
  role: "end-user" | "agent" | "admin";
  active: boolean;
  created_at: string;
  updated_at: string;
}

export interface ZendeskGroup {
  id: number;
  name: string;
  description: string;
  default: boolean;
  deleted: boolean;
  is_public: boolean;
  created_at: string;
  updated_at: string;
}

/** A drop-down (`tagger`) or multi-select option: `name` is shown, `value` is the tag that is stored. */
export interface CustomFieldOption {
  id: number;
  name: string;
  raw_name: string;
  value: string;
  default: boolean;
}

export interface ZendeskTicketField {
  id: number;
  /** `tagger` is Zendesk's name for a drop-down; also `multiselect`, `text`, `textarea`, `checkbox`, `integer`, ... */
  type: string;
  title: string;
  raw_title: string;
  description: string;
  active: boolean;
  required: boolean;
  position: number;
  custom_field_options?: CustomFieldOption[];
  created_at: string;
  updated_at: string;
}

/** A view condition in Zendesk's own shape, e.g. `{ field: "status", operator: "less_than", value: "solved" }`. */
export interface ViewCondition {
  field: string;
  operator: string;
  value: string | number | null;
}

export interface ZendeskView {
  id: number;
  title: string;
  active: boolean;
  position: number;
  /** Every `all` condition must hold, and at least one `any` condition when there are some. */
  conditions: { all: ViewCondition[]; any: ViewCondition[] };
  execution: { sort_by: string; sort_order: "asc" | "desc" };
  created_at: string;
  updated_at: string;
}

/** A comment to seed; the first comment of a ticket becomes its `description`. */
export interface CommentSeed {
  body?: string;
  html_body?: string;
  public?: boolean;
  author_id?: number;
  created_at?: string;
}

/** A ticket to seed: any stored field, plus its comments (or just a `description`). */
export type TicketSeed = Partial<Omit<ZendeskTicket, "description">> & {
  description?: string;
  comments?: CommentSeed[];
};

export type UserSeed = Partial<ZendeskUser> & { name: string; email: string };
export type GroupSeed = Partial<ZendeskGroup> & { name: string };
export type TicketFieldSeed = Partial<Omit<ZendeskTicketField, "custom_field_options">> & {
  type: string;
  title: string;
  custom_field_options?: (Partial<CustomFieldOption> & { name: string; value: string })[];
};
export type ViewSeed = Partial<Omit<ZendeskView, "conditions">> & {
  title: string;
  conditions: { all?: ViewCondition[]; any?: ViewCondition[] };
};

/** Everything that can be seeded at once. */
export interface FakeZendeskSeed {
  users?: UserSeed[];
  groups?: GroupSeed[];
  ticketFields?: TicketFieldSeed[];
  views?: ViewSeed[];
  tickets?: TicketSeed[];
}
