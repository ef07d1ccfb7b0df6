/**
 * @module fakes/zendesk/handlers/tickets
 * Reading tickets: `GET /api/v2/tickets` (cursor or offset), `GET /api/v2/tickets/{id}` and
 * `GET /api/v2/tickets/show_many?ids=`.
 */
import { type PagedList, paginate, sortByKey, wantsCursor } from "../pagination.ts";
import { ticketJson } from "../render.ts";
import { badRequest, jsonReply, recordNotFound } from "../reply.ts";
import { type FakeState, type Handler, type HandlerRequest, numericParam } from "../router.ts";
import { readCursorSort, ticketSortKey } from "../ticket-sort.ts";
import type { ZendeskTicket } from "../types.ts";

/** Ids per `show_many` / `update_many` call. */
export const MAX_IDS = 100;

/** A ticket list paged the way the request asks, sorted by `sort` (cursor) or `sort_by`/`sort_order` (offset). */
export function ticketList(
  request: HandlerRequest,
  fake: FakeState,
  tickets: ZendeskTicket[],
  defaults: { field: string; descending: boolean } = { field: "id", descending: false },
) {
  const { query } = request;
  const order = wantsCursor(query)
    ? readCursorSort(query.get("sort"), defaults.field)
    : {
        field: query.get("sort_by") ?? defaults.field,
        descending: query.has("sort_order") ? query.get("sort_order") === "desc" : defaults.descending,
      };
  const sortKey = ticketSortKey(order.field);
  if (!sortKey) return badRequest("InvalidParameter", `cannot sort tickets by ${order.field}`);
  const list: PagedList<ZendeskTicket> = {
    key: "tickets",
    items: sortByKey(tickets, sortKey, order.descending),
    sortKey,
    descending: order.descending,
    render: (ticket) => ticketJson(ticket, fake.baseUrl),
  };
  const links = { baseUrl: fake.baseUrl, path: request.path, query };
  return paginate(list, links, fake.settings.quirks, fake.settings.offsetRecordLimit);
}

export const listTickets: Handler = (request, fake) => ticketList(request, fake, [...fake.store.tickets.values()]);

export const showTicket: Handler = (request, fake) => {
  const id = numericParam(request.params.id);
  const ticket = id === undefined ? undefined : fake.store.tickets.get(id);
  return ticket ? jsonReply(200, { ticket: ticketJson(ticket, fake.baseUrl) }) : recordNotFound();
};

export const showManyTickets: Handler = (request, fake) => {
  const ids = readIds(request.query.get("ids"));
  if (typeof ids === "string") return badRequest("InvalidParameter", ids);
  const tickets = ids.flatMap((id) => {
    const ticket = fake.store.tickets.get(id);
    return ticket ? [ticketJson(ticket, fake.baseUrl)] : [];
  });
  return jsonReply(200, { tickets });
};

/** Reads a comma-separated id list (at most 100); a string is the reason it is unusable. */
export function readIds(raw: string | null): number[] | string {
  if (raw === null || raw.trim() === "") return "ids is required";
  const parts = raw.split(",").map((part) => part.trim());
  if (!parts.every((part) => /^\d+$/.test(part))) return "ids must be a comma-separated list of ticket ids";
  if (parts.length > MAX_IDS) return `at most ${MAX_IDS} ids per request`;
  return parts.map(Number);
}
