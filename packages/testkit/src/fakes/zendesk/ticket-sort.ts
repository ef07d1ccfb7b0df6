/**
 * @module fakes/zendesk/ticket-sort
 * Sort keys for tickets by the field names Zendesk's list, search and view endpoints accept.
 * Statuses and priorities sort by their order (new<open<...; low<normal<high<urgent), not by name.
 */
import type { SortKey } from "./pagination.ts";
import { TICKET_PRIORITIES, TICKET_STATUSES, type ZendeskTicket } from "./types.ts";

/**
 * The key for `field`, or `undefined` when the fake does not know the field.
 *
 * @example
 * ticketSortKey("updated_at")?.(ticket); // [1714557600000, 12]
 */
export function ticketSortKey(field: string): ((ticket: ZendeskTicket) => SortKey) | undefined {
  switch (field) {
    case "id":
      return (t) => [t.id, t.id];
    case "created_at":
      return (t) => [Date.parse(t.created_at), t.id];
    case "updated_at":
      return (t) => [Date.parse(t.updated_at), t.id];
    case "status":
      return (t) => [TICKET_STATUSES.indexOf(t.status), t.id];
    case "priority":
      return (t) => [t.priority === null ? -1 : TICKET_PRIORITIES.indexOf(t.priority), t.id];
    case "subject":
      return (t) => [(t.subject ?? "").toLowerCase(), t.id];
    case "type":
    case "ticket_type":
      return (t) => [t.type ?? "", t.id];
    case "group":
    case "group_id":
      return (t) => [t.group_id ?? -1, t.id];
    case "assignee":
    case "assignee_id":
      return (t) => [t.assignee_id ?? -1, t.id];
    default:
      return undefined;
  }
}

/** Reads a cursor-style `sort` value (`-updated_at`) into a field and direction. */
export function readCursorSort(sort: string | null, fallback: string): { field: string; descending: boolean } {
  if (!sort) return { field: fallback, descending: false };
  return sort.startsWith("-") ? { field: sort.slice(1), descending: true } : { field: sort, descending: false };
}
