/**
 * @module pipes/webhook-trigger
 * `base:WebhookTrigger`: fires when help-desk webhooks have queued tickets for `ticket_system`
 * (the engine's server accepts them on `POST /webhooks/<service id>`), and hands over their ids as
 * `data.ticket_ids`. Pair it with `FetchTicketsPipe`'s `ticket_ids`. Polling on an interval beside it
 * picks up any event that never arrived.
 */
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
import { failure, success } from "../contracts/pipe-result.ts";

export const WebhookTrigger = definePipe({
  kind: "trigger",
  name: "WebhookTrigger",
  description: "Fires when webhooks have queued tickets; data.ticket_ids.",
  params: z
    .object({
      /** The ticket-system service id whose webhook deliveries are taken. */
      ticket_system: z.string().min(1),
      max_batch: z.number().int().min(1).max(1000).default(100),
    })
    .strict(),
  async process({ params, engine }) {
    const ids = engine.inbox.take(params.ticket_system, params.max_batch);
    if (ids.length > 0) engine.observer.inboxDepth(engine.inbox.size());
    if (ids.length === 0) return failure("no webhook deliveries are waiting");
    return success({ ticket_ids: ids });
  },
});
