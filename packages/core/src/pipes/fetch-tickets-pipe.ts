/**
 * @module pipes/fetch-tickets-pipe
 * `base:FetchTicketsPipe`: `data.fetched_tickets` is the list of tickets matching the criteria.
 */
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
import { success } from "../contracts/pipe-result.ts";
import { TicketSearchCriteriaSchema } from "../contracts/ticket.ts";

export const FetchTicketsPipe = definePipe({
  kind: "pipe",
  name: "FetchTicketsPipe",
  description: "Finds tickets by queue, status or updated-since; data.fetched_tickets.",
  params: z.object({ ticket_search_criteria: TicketSearchCriteriaSchema.default({ limit: 10, offset: 0 }) }).strict(),
  injects: { ticket_system: "ticket-system" },
  async process({ params, services, logger }) {
    const page = await services.ticket_system.find(params.ticket_search_criteria);
    logger.info({ count: page.tickets.length }, "fetched tickets");
    return success({ fetched_tickets: page.tickets, ...(page.next_cursor ? { next_cursor: page.next_cursor } : {}) });
  },
});
