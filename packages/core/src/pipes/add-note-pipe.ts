/**
 * @module pipes/add-note-pipe
 * `base:AddNotePipe`: adds `note` to ticket `ticket_id`, as an internal note unless `internal: false`.
 */
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
import { success } from "../contracts/pipe-result.ts";
import { UnifiedNoteSchema } from "../contracts/ticket.ts";
import { OtaiError } from "../errors.ts";
import { TicketIdSchema } from "./_ticket-id.ts";

export const AddNotePipe = definePipe({
  kind: "pipe",
  name: "AddNotePipe",
  description: "Adds a note (internal by default) to a ticket.",
  params: z.object({ ticket_id: TicketIdSchema, note: UnifiedNoteSchema }).strict(),
  injects: { ticket_system: "ticket-system" },
  async process({ params, services, logger }) {
    const added = await services.ticket_system.addNote(params.ticket_id, params.note, {
      internal: params.note.internal,
    });
    if (!added) throw new OtaiError("OTAI_TICKET_NOT_FOUND", `ticket '${params.ticket_id}' does not exist`);
    logger.info({ ticket_id: params.ticket_id, internal: params.note.internal }, "note added");
    return success({});
  },
});
