/**
 * @module pipes/fetch-tickets-pipe
 * `base:FetchTicketsPipe`: `data.fetched_tickets` is the list of tickets matching the criteria, or,
 * with `ticket_ids` (from a webhook trigger), those tickets read one by one.
 */
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
import { success } from "../contracts/pipe-result.ts";
import { TicketSearchCriteriaSchema } from "../contracts/ticket.ts";

export const FetchTicketsPipe = definePipe({
  kind: "pipe",
  name: "FetchTicketsPipe",
  description: "Finds tickets by queue, status or updated-since; data.fetched_tickets.",
  params: z
    .object({
      ticket_search_criteria: TicketSearchCriteriaSchema.default({ limit: 10, offset: 0 }),
      ticket_ids: z
        .array(z.union([z.string(), z.number()]).transform(String))
        .nullable()
        .optional(),
    })
    .strict(),
  injects: { ticket_system: "ticket-system" },
  async process({ params, services, logger }) {
    if (params.ticket_ids) {
      const tickets = [];
      for (const id of params.ticket_ids) {
        const ticket = await services.ticket_system.get(id);
        if (ticket) tickets.push(ticket);
        else logger.warn({ ticket_id: id }, "ticket named by a webhook does not exist");
      }
      logger.info({ count: tickets.length }, "fetched tickets by id");
      return success({ fetched_tickets: tickets });
    }
    const page = await services.ticket_system.find(params.ticket_search_criteria);
    logger.info({ count: page.tickets.length }, "fetched tickets");
    return success({ fetched_tickets: page.tickets, ...(page.next_cursor ? { next_cursor: page.next_cursor } : {}) });
  },
});
