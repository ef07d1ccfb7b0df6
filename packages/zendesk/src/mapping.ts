/**
 * @module mapping
 * Zendesk tickets ↔ unified tickets. Group is the queue. Writes are checked against the account's
 * groups, priorities, types, statuses and drop-down options before they are sent, because Zendesk
 * silently drops a drop-down value it does not know and ignores unknown attributes.
 */
import type { TicketUpdate, UnifiedEntity, UnifiedNote, UnifiedTicket } from "@otai/core";
import { OtaiError } from "@otai/core";
import {
  ZENDESK_PRIORITIES,
  ZENDESK_STATUSES,
  ZENDESK_TYPES,
  type ZendeskGroup,
  type ZendeskTicket,
  type ZendeskTicketField,
  type ZendeskTicketUpdate,
  type ZendeskUser,
} from "./native.ts";

/** What the mapping needs to know about the account. */
export interface ZendeskDirectory {
  groups: readonly ZendeskGroup[];
  fields: readonly ZendeskTicketField[];
  users?: ReadonlyMap<number, ZendeskUser>;
}

/**
 * @example
 * toUnifiedTicket({ id: 7, status: "open", group_id: 3, subject: "VPN" }, { groups: [{ id: 3, name: "IT" }], fields: [] });
 * // { id: "7", subject: "VPN", queue: { id: "3", name: "IT" }, status: "open", ... }
 */
export function toUnifiedTicket(ticket: ZendeskTicket, directory: ZendeskDirectory): UnifiedTicket {
  const group = directory.groups.find((g) => g.id === ticket.group_id);
  const requester = ticket.requester_id == null ? undefined : directory.users?.get(ticket.requester_id);
  return {
    id: String(ticket.id),
    subject: ticket.subject ?? ticket.raw_subject ?? "",
    body: ticket.description ?? "",
    ...(ticket.group_id == null
      ? {}
      : { queue: { id: String(ticket.group_id), ...(group ? { name: group.name } : {}) } }),
    // Zendesk priorities are names without ids.
    ...(ticket.priority ? { priority: { name: ticket.priority } } : {}),
    type: ticket.type ?? null,
    status: ticket.status,
    tags: [...(ticket.tags ?? [])],
    ...(ticket.requester_id == null
      ? {}
      : {
          requester: {
            id: String(ticket.requester_id),
            ...(requester?.name ? { name: requester.name } : {}),
            ...(requester?.email ? { email: requester.email } : {}),
          },
        }),
    custom_fields: Object.fromEntries((ticket.custom_fields ?? []).map((field) => [String(field.id), field.value])),
    created_at: ticket.created_at ?? null,
    updated_at: ticket.updated_at ?? null,
    notes: [],
  };
}

function invalid(message: string, details: Record<string, unknown>): never {
  throw new OtaiError("OTAI_HELPDESK_INVALID", `Zendesk: ${message}`, { details });
}

function resolveGroup(queue: UnifiedEntity, groups: readonly ZendeskGroup[]): number {
  const live = groups.filter((g) => !g.deleted);
  const match =
    queue.id !== undefined
      ? live.find((g) => String(g.id) === String(queue.id))
      : (live.find((g) => g.name === queue.name) ??
        live.find((g) => g.name.toLowerCase() === queue.name?.toLowerCase()));
  if (!match) {
    invalid(
      `no group ${queue.id !== undefined ? `with id ${queue.id}` : `named '${queue.name}'`}; groups: ${live.map((g) => g.name).join(", ") || "none"}`,
      {
        field: "queue",
        value: queue,
      },
    );
  }
  return match.id;
}

function oneOf(field: string, value: string | undefined, allowed: readonly string[]): string {
  const normal = value?.trim().toLowerCase();
  if (normal === undefined || !allowed.includes(normal))
    invalid(`${field} must be one of ${allowed.join(", ")}, not '${value}'`, { field, value });
  return normal;
}

// Drop-down (tagger) and multi-select values are option values; an option's name is accepted too.
function fieldValue(field: ZendeskTicketField, value: unknown): unknown {
  const options = field.custom_field_options;
  if (!options || options.length === 0 || value === null) return value;
  const resolve = (item: unknown) => {
    const text = String(item);
    const option = options.find((o) => o.value === text) ?? options.find((o) => o.name === text);
    if (!option) {
      invalid(
        `'${text}' is not an option of field '${field.title}'; options: ${options.map((o) => o.value).join(", ")}`,
        {
          field: field.title,
          value: item,
        },
      );
    }
    return option.value;
  };
  return Array.isArray(value) ? value.map(resolve) : resolve(value);
}

function resolveField(key: string, fields: readonly ZendeskTicketField[]): ZendeskTicketField {
  const field = fields.find((f) => String(f.id) === key) ?? fields.find((f) => f.title === key);
  if (!field || field.active === false) {
    invalid(`no active ticket field '${key}'`, { field: key });
  }
  return field;
}

/** One note as a Zendesk comment; Zendesk keeps a comment's first `public` value, so it is always sent. */
export function toZendeskComment(note: Pick<UnifiedNote, "subject" | "body" | "content_type">, internal: boolean) {
  const text = note.subject ? `${note.subject}\n\n${note.body}` : note.body;
  return note.content_type === "text/html"
    ? {
        html_body: note.subject ? `<p><strong>${escapeHtml(note.subject)}</strong></p>${note.body}` : note.body,
        public: !internal,
      }
    : { body: text, public: !internal };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

/**
 * The `ticket` object for `PUT /api/v2/tickets/{id}`. Throws OTAI_HELPDESK_INVALID, naming the
 * value and what the account has, instead of sending something Zendesk would drop.
 *
 * @example
 * toZendeskUpdate({ queue: { name: "Billing" }, add_tags: ["otai"] }, directory, { expectedVersion: ticket.updated_at });
 * // { group_id: 12, additional_tags: ["otai"], safe_update: true, updated_stamp: "…" }
 */
export function toZendeskUpdate(
  changes: TicketUpdate,
  directory: ZendeskDirectory,
  options: { expectedVersion?: string } = {},
): ZendeskTicketUpdate {
  const out: ZendeskTicketUpdate = {};
  if (changes.subject !== undefined) out.subject = changes.subject;
  if (changes.queue !== undefined) out.group_id = resolveGroup(changes.queue, directory.groups);
  if (changes.priority !== undefined)
    out.priority = oneOf("priority", changes.priority.name ?? changes.priority.id, ZENDESK_PRIORITIES);
  if (changes.type !== undefined) out.type = oneOf("type", changes.type, ZENDESK_TYPES);
  if (changes.status !== undefined) out.status = oneOf("status", changes.status, ZENDESK_STATUSES);
  if (changes.tags !== undefined) out.tags = [...changes.tags];
  if (changes.add_tags?.length) out.additional_tags = [...changes.add_tags];
  if (changes.remove_tags?.length) out.remove_tags = [...changes.remove_tags];
  if (changes.custom_fields !== undefined) {
    out.custom_fields = Object.entries(changes.custom_fields).map(([key, value]) => {
      const field = resolveField(key, directory.fields);
      return { id: field.id, value: fieldValue(field, value) };
    });
  }
  if (changes.notes !== undefined && changes.notes.length > 0) {
    if (changes.notes.length > 1)
      invalid("one update can carry one comment; add further notes separately", { field: "notes" });
    const [note] = changes.notes;
    if (note) out.comment = toZendeskComment(note, note.internal);
  }
  if (options.expectedVersion !== undefined) {
    // With the timestamp read, Zendesk answers 409 instead of overwriting an agent's newer edit.
    out.safe_update = true;
    out.updated_stamp = options.expectedVersion;
  }
  return out;
}
