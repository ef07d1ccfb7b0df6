/**
 * @module fakes/zendesk/ticket-update
 * What `PUT /api/v2/tickets/{id}` does to a ticket, shared by the single update and by bulk jobs.
 * Order of checks: unknown ticket (404), closed ticket (422), stale `updated_stamp` under
 * `safe_update` (409), invalid values (422). Unknown attributes are ignored; an invalid drop-down
 * value is dropped silently unless the quirk says otherwise.
 */
import type { ZendeskQuirks } from "./options.ts";
import {
  badRequest,
  jsonReply,
  type RecordInvalidDetails,
  type Reply,
  recordInvalid,
  recordNotFound,
  UPDATE_CONFLICT,
} from "./reply.ts";
import { type PendingChange, type PendingComment, stripHtml, type ZendeskStore } from "./store.ts";
import {
  type CustomFieldValue,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type ZendeskAudit,
  type ZendeskTicket,
  type ZendeskTicketField,
} from "./types.ts";

export type UpdateOutcome =
  | { ok: true; ticket: ZendeskTicket; audit: ZendeskAudit | undefined }
  | { ok: false; reply: Reply; error: string; message: string };

/**
 * Applies the `ticket` object of an update body to ticket `id`, authored by `authorId`.
 *
 * @example
 * const outcome = applyTicketUpdate(store, quirks, 1, { priority: "high", comment: { body: "hi", public: false } }, 1);
 * if (outcome.ok) outcome.audit?.events.map((e) => e.type); // ["Change", "Comment"]
 */
export function applyTicketUpdate(
  store: ZendeskStore,
  quirks: ZendeskQuirks,
  id: number,
  input: unknown,
  authorId: number,
): UpdateOutcome {
  const ticket = store.tickets.get(id);
  if (!ticket) return failure(recordNotFound(), "RecordNotFound", "Not found");
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return failure(
      badRequest("InvalidParameter", "ticket must be an object"),
      "InvalidParameter",
      "ticket must be an object",
    );
  }
  const patch = input as Record<string, unknown>;
  if (ticket.status === "closed") {
    return invalid({ status: [{ description: "Status: closed prevents ticket update", error: "ClosedTicket" }] });
  }
  const conflict = checkSafeUpdate(ticket, patch, quirks);
  if (conflict) return conflict;

  const details: RecordInvalidDetails = {};
  const next: ZendeskTicket = structuredClone(ticket);
  const changes: PendingChange[] = [];
  const set = <K extends keyof ZendeskTicket>(key: K, value: ZendeskTicket[K]): void => {
    if (JSON.stringify(next[key]) === JSON.stringify(value)) return;
    changes.push({ field_name: key, value, previous_value: next[key] });
    next[key] = value;
  };

  const enumField = <K extends "priority" | "type" | "status">(
    key: K,
    allowed: readonly string[],
    nullable: boolean,
  ) => {
    if (!(key in patch)) return;
    const value = patch[key];
    if ((value === null && nullable) || (typeof value === "string" && allowed.includes(value))) {
      set(key, value as ZendeskTicket[K]);
    } else {
      addDetail(details, key, `${label(key)}: ${String(value)} is not valid`, "InvalidValue");
    }
  };
  enumField("priority", TICKET_PRIORITIES, true);
  enumField("type", TICKET_TYPES, true);
  enumField("status", TICKET_STATUSES, false);

  for (const key of ["subject", "external_id"] as const) {
    if (!(key in patch)) continue;
    const value = patch[key];
    if (typeof value === "string" || value === null) set(key, value);
    else addDetail(details, key, `${label(key)}: is invalid`, "InvalidValue");
  }
  if (typeof patch.subject === "string") next.raw_subject = patch.subject;

  for (const key of ["group_id", "assignee_id", "organization_id", "requester_id", "brand_id"] as const) {
    if (!(key in patch)) continue;
    const value = patch[key];
    if (value !== null && !Number.isInteger(value)) {
      addDetail(details, key, `${label(key)}: is invalid`, "InvalidValue");
    } else if (
      key === "group_id" &&
      value !== null &&
      quirks.rejectUnknownGroup &&
      !store.groups.has(value as number)
    ) {
      addDetail(details, key, "Group: is invalid", "InvalidValue");
    } else {
      set(key, value as number | null);
    }
  }

  const tags = nextTags(next.tags, patch, details);
  const fieldInput = patch.custom_fields ?? patch.fields;
  if (fieldInput !== undefined) {
    // Zendesk audits each custom field on its own, named by the field's id.
    changes.push(...nextCustomFields(store, quirks, next, fieldInput, details, tags));
  }
  if (tags.changed) set("tags", tags.values);

  const comment = readComment(patch.comment, store.comments.get(id)?.[0]?.public ?? true, details);
  if (Object.keys(details).length > 0) return invalid(details);
  const audit = store.commit(next, changes, comment, authorId);
  const stored = store.tickets.get(id) ?? next;
  return { ok: true, ticket: stored, audit };
}

function checkSafeUpdate(
  ticket: ZendeskTicket,
  patch: Record<string, unknown>,
  quirks: ZendeskQuirks,
): UpdateOutcome | undefined {
  // The spec: "A value of false has the same effect as true. Omit the property to force the updates to not be safe."
  const safe = patch.safe_update === true || (patch.safe_update === false && quirks.safeUpdateFalseIsSafe);
  if (!safe || patch.updated_stamp === undefined) return undefined;
  const stamp = typeof patch.updated_stamp === "string" ? Date.parse(patch.updated_stamp) : Number.NaN;
  if (Number.isNaN(stamp)) {
    return invalid({ updated_stamp: [{ description: "Updated stamp: is invalid", error: "InvalidValue" }] });
  }
  if (stamp < Date.parse(ticket.updated_at)) {
    return failure(jsonReply(409, UPDATE_CONFLICT), UPDATE_CONFLICT.error, UPDATE_CONFLICT.description);
  }
  return undefined;
}

interface TagState {
  values: string[];
  changed: boolean;
}

/** `tags` replaces; `additional_tags` and `remove_tags` edit. A string is split on spaces, as Zendesk does. */
function nextTags(current: string[], patch: Record<string, unknown>, details: RecordInvalidDetails): TagState {
  const read = (key: string): string[] | undefined => {
    const value = patch[key];
    if (value === undefined) return undefined;
    const list = typeof value === "string" ? [value] : value;
    if (!Array.isArray(list) || !list.every((tag) => typeof tag === "string")) {
      addDetail(details, key, `${label(key)}: is invalid`, "InvalidValue");
      return undefined;
    }
    return list.flatMap((tag) => tag.split(/\s+/)).filter((tag) => tag !== "");
  };
  let values = read("tags") ?? [...current];
  const added = read("additional_tags") ?? [];
  const removed = new Set(read("remove_tags") ?? []);
  values = [...new Set([...values, ...added])].filter((tag) => !removed.has(tag));
  return { values, changed: JSON.stringify(values) !== JSON.stringify(current) };
}

/**
 * Merges `custom_fields` into `ticket.custom_fields` by id and returns one change per field that
 * changed. Tags that drop-down options stand for are kept in step in `tags`.
 */
function nextCustomFields(
  store: ZendeskStore,
  quirks: ZendeskQuirks,
  ticket: ZendeskTicket,
  input: unknown,
  details: RecordInvalidDetails,
  tags: TagState,
): PendingChange[] {
  if (!Array.isArray(input)) {
    addDetail(details, "custom_fields", "Custom fields: is invalid", "InvalidValue");
    return [];
  }
  const changes: PendingChange[] = [];
  for (const entry of input) {
    if (typeof entry !== "object" || entry === null || !Number.isInteger((entry as { id?: unknown }).id)) {
      addDetail(details, "custom_fields", "Custom fields: each entry needs a numeric id", "InvalidValue");
      continue;
    }
    const { id, value } = entry as { id: number; value?: unknown };
    const field = store.ticketFields.get(id);
    // [U] A field id the account does not have is ignored, like any unknown attribute.
    if (!field) continue;
    const accepted = acceptValue(field, value === undefined ? null : value);
    if (accepted === undefined) {
      if (quirks.invalidDropdownValue === "reject") {
        addDetail(
          details,
          String(id),
          `${field.title}: ${JSON.stringify(value)} is not a valid option`,
          "InvalidValue",
        );
      }
      continue;
    }
    const slot = ticket.custom_fields.find((f) => f.id === id);
    const previous = slot?.value ?? null;
    if (JSON.stringify(previous) === JSON.stringify(accepted)) continue;
    if (slot) slot.value = accepted;
    else ticket.custom_fields.push({ id, value: accepted });
    changes.push({ field_name: String(id), value: accepted, previous_value: previous });
    if (quirks.dropdownValuesAsTags && field.custom_field_options) {
      const before = new Set(toList(previous));
      const after = new Set(toList(accepted));
      const values = tags.values.filter((tag) => !before.has(tag) || after.has(tag));
      for (const tag of after) if (!values.includes(tag)) values.push(tag);
      if (JSON.stringify(values) !== JSON.stringify(tags.values)) {
        tags.values = values;
        tags.changed = true;
      }
    }
  }
  return changes;
}

/** The value to store for `field`, or `undefined` when Zendesk would not take it. */
function acceptValue(field: ZendeskTicketField, value: unknown): CustomFieldValue | undefined {
  if (value === null || value === "") return null;
  const options = field.custom_field_options?.map((option) => option.value);
  switch (field.type) {
    case "tagger":
      return typeof value === "string" && options?.includes(value) ? value : undefined;
    case "multiselect": {
      const list = typeof value === "string" ? [value] : value;
      if (!Array.isArray(list)) return undefined;
      const valid = list.filter((v): v is string => typeof v === "string" && (options?.includes(v) ?? false));
      return valid.length === list.length ? valid : undefined;
    }
    case "checkbox":
      if (typeof value === "boolean") return value;
      return value === "true" ? true : value === "false" ? false : undefined;
    case "integer":
    case "decimal":
      return typeof value === "number" ||
        (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)))
        ? String(value)
        : undefined;
    default:
      return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : undefined;
  }
}

function readComment(raw: unknown, initialPublic: boolean, details: RecordInvalidDetails): PendingComment | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "object" || Array.isArray(raw)) {
    addDetail(details, "comment", "Comment: is invalid", "InvalidValue");
    return undefined;
  }
  const { body, html_body: html, public: isPublic } = raw as Record<string, unknown>;
  const text = typeof body === "string" ? body : typeof html === "string" ? stripHtml(html) : "";
  if (text.trim() === "") {
    addDetail(details, "comment", "Comment: value cannot be blank", "BlankValue");
    return undefined;
  }
  if (isPublic !== undefined && typeof isPublic !== "boolean") {
    addDetail(details, "comment", "Comment: public must be true or false", "InvalidValue");
    return undefined;
  }
  // "The initial value set on ticket creation persists for any additional comment unless you change it."
  const visibility = isPublic ?? initialPublic;
  return typeof html === "string"
    ? { body: text, html_body: html, public: visibility }
    : { body: text, public: visibility };
}

function toList(value: CustomFieldValue): string[] {
  if (Array.isArray(value)) return value;
  return typeof value === "string" ? [value] : [];
}

function label(key: string): string {
  const words = key.replace(/_id$/, "").replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function addDetail(details: RecordInvalidDetails, key: string, description: string, error: string): void {
  const list = details[key] ?? [];
  list.push({ description, error });
  details[key] = list;
}

function invalid(details: RecordInvalidDetails): UpdateOutcome {
  const message = Object.values(details)
    .flat()
    .map((d) => d.description)
    .join("; ");
  return failure(recordInvalid(details), "RecordInvalid", message);
}

function failure(reply: Reply, error: string, message: string): UpdateOutcome {
  return { ok: false, reply, error, message };
}
