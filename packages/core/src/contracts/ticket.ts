/**
 * @module contracts/ticket
 * The unified ticket: what every help-desk adapter maps its native tickets to and from.
 * It keeps OTAI's shape (`queue` and `priority` as `{id?, name?}`) and adds the fields OTAI dropped.
 */
import { z } from "zod";

const Id = z.union([z.string(), z.number()]).transform(String);

/** A reference to a help-desk entity (queue, priority, person) by id, name or both, as in OTAI. */
export const UnifiedEntitySchema = z.object({ id: Id.optional(), name: z.string().optional() }).catchall(z.unknown());
export type UnifiedEntity = z.infer<typeof UnifiedEntitySchema>;

/** A person on a ticket. */
export const UnifiedPersonSchema = UnifiedEntitySchema.extend({ email: z.string().optional() });
export type UnifiedPerson = z.infer<typeof UnifiedPersonSchema>;

/** A note or article on a ticket. `internal` defaults to true: agents only, never the customer. */
export const UnifiedNoteSchema = z
  .object({
    id: Id.optional(),
    subject: z.string().default(""),
    body: z.string().default(""),
    // OTAI strips `;charset=…`, because OTOBO and Znuny disagree on it.
    content_type: z
      .string()
      .default("text/plain")
      .transform((value) => value.split(";")[0]?.trim() || "text/plain"),
    internal: z.boolean().default(true),
    created_at: z.string().optional(),
  })
  .catchall(z.unknown());
export type UnifiedNote = z.infer<typeof UnifiedNoteSchema>;
export type UnifiedNoteInput = z.input<typeof UnifiedNoteSchema>;

/** The unified ticket. Only `id` is required; adapters fill what their help desk has. */
export const UnifiedTicketSchema = z
  .object({
    id: Id,
    subject: z.string().default(""),
    body: z.string().default(""),
    queue: UnifiedEntitySchema.optional(),
    priority: UnifiedEntitySchema.optional(),
    type: z.string().nullable().optional(),
    status: z.string().nullable().optional(),
    tags: z.array(z.string()).default([]),
    language: z.string().nullable().optional(),
    requester: UnifiedPersonSchema.optional(),
    custom_fields: z.record(z.string(), z.unknown()).default({}),
    created_at: z.string().nullable().optional(),
    updated_at: z.string().nullable().optional(),
    notes: z.array(UnifiedNoteSchema).default([]),
  })
  .catchall(z.unknown());
export type UnifiedTicket = z.infer<typeof UnifiedTicketSchema>;

/**
 * The changes an update may carry. `tags` replaces the whole set; `add_tags` and `remove_tags` change it
 * without touching other tags. `notes` is accepted for OTAI compatibility: each one is added as a note.
 */
export const TicketUpdateSchema = z
  .object({
    subject: z.string().optional(),
    queue: UnifiedEntitySchema.optional(),
    priority: UnifiedEntitySchema.optional(),
    type: z.string().optional(),
    status: z.string().optional(),
    tags: z.array(z.string()).optional(),
    add_tags: z.array(z.string()).optional(),
    remove_tags: z.array(z.string()).optional(),
    custom_fields: z.record(z.string(), z.unknown()).optional(),
    notes: z.array(UnifiedNoteSchema).optional(),
  })
  .strict();
export type TicketUpdate = z.infer<typeof TicketUpdateSchema>;
export type TicketUpdateInput = z.input<typeof TicketUpdateSchema>;

/** OTAI's `ticket_search_criteria`, extended with status, updated-since and a cursor. */
export const TicketSearchCriteriaSchema = z
  .object({
    queue: UnifiedEntitySchema.optional(),
    status: z.union([z.string(), z.array(z.string())]).optional(),
    updated_since: z.string().optional(),
    /** A saved view or filter of the help desk (e.g. a Zendesk view id), where it has them. */
    view: z.union([z.string(), z.number()]).transform(String).optional(),
    limit: z.coerce.number().int().positive().max(10_000).default(10),
    offset: z.coerce.number().int().min(0).default(0),
    cursor: z.string().optional(),
  })
  .strict();
export type TicketSearchCriteria = z.infer<typeof TicketSearchCriteriaSchema>;
export type TicketSearchCriteriaInput = z.input<typeof TicketSearchCriteriaSchema>;

/** True when `entity` names the same thing as `target`: by id when both have one, otherwise by name. */
export function entityMatches(entity: UnifiedEntity | undefined, target: UnifiedEntity): boolean {
  if (entity === undefined) return false;
  if (target.id !== undefined && entity.id !== undefined) return String(target.id) === String(entity.id);
  if (target.name !== undefined && entity.name !== undefined) return target.name === entity.name;
  return target.id === undefined && target.name === undefined;
}
