/**
 * @module fakes/zendesk/handlers/views
 * `GET /api/v2/views/{id}/tickets`: the tickets that meet the view's conditions now, in the view's
 * order unless `sort_by`/`sort_order` (or a cursor `sort`) say otherwise.
 */
import { recordNotFound } from "../reply.ts";
import { type Handler, numericParam } from "../router.ts";
import { matchesView } from "../view-conditions.ts";
import { ticketList } from "./tickets.ts";

export const viewTickets: Handler = (request, fake) => {
  const id = numericParam(request.params.id);
  const view = id === undefined ? undefined : fake.store.views.get(id);
  if (!view) return recordNotFound();
  const tickets = [...fake.store.tickets.values()].filter((ticket) => matchesView(ticket, view.conditions));
  return ticketList(request, fake, tickets, {
    field: view.execution.sort_by,
    descending: view.execution.sort_order === "desc",
  });
};
