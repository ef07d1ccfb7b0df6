/**
 * @module pipes/update-ticket-pipe
 * `base:UpdateTicketPipe`: applies `updated_ticket` to ticket `ticket_id`. A ticket that does not
 * exist is an error, not a silent `false` as in OTAI.
 */
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
import { success } from "../contracts/pipe-result.ts";
import { TicketUpdateSchema } from "../contracts/ticket.ts";
import { OtaiError } from "../errors.ts";
import { TicketIdSchema } from "./_ticket-id.ts";

// OTAI passes a whole UnifiedTicket; its `id` (when given) must be the ticket being updated.
const UpdatedTicket = TicketUpdateSchema.extend({ id: TicketIdSchema.optional() }).strict();

export const UpdateTicketPipe = definePipe({
  kind: "pipe",
  name: "UpdateTicketPipe",
  description: "Updates a ticket's queue, priority, type, status, tags, subject or custom fields.",
  params: z.object({ ticket_id: TicketIdSchema, updated_ticket: UpdatedTicket }).strict(),
  injects: { ticket_system: "ticket-system" },
  async process({ params, services, logger }) {
    const { id, ...changes } = params.updated_ticket;
    if (id !== undefined && id !== params.ticket_id) {
      throw new OtaiError(
        "OTAI_TICKET_INVALID",
        `updated_ticket.id '${id}' differs from ticket_id '${params.ticket_id}'`,
      );
    }
    const updated = await services.ticket_system.update(params.ticket_id, changes);
    if (!updated) throw new OtaiError("OTAI_TICKET_NOT_FOUND", `ticket '${params.ticket_id}' does not exist`);
    logger.info({ ticket_id: params.ticket_id, fields: Object.keys(changes) }, "ticket updated");
    return success({ ticket_id: params.ticket_id, changes });
  },
});
