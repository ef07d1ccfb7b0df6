/**
 * @module webhook-receiver
 * The Zendesk side of the engine's `POST /webhooks/<service id>`: checks the signature over the raw
 * bytes, then reads the ticket event. Anything unsigned, stale or unreadable is refused as a whole.
 */
import { OtaiError, type TicketEvent, type WebhookRequest } from "@otai/core";
import { parseZendeskWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyZendeskSignature } from "./webhook.ts";

const header = (request: WebhookRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * @example
 * const receive = webhookReceiver(process.env.ZENDESK_WEBHOOK_SECRET ?? "");
 * const [event] = receive({ headers: req.headers, rawBody }); // { ticketId: "35436", kind: "created", eventId: "01H…" }
 */
export function webhookReceiver(
  secret: string,
  now: () => number = Date.now,
): (request: WebhookRequest) => TicketEvent[] {
  return (request) => {
    const signed = verifyZendeskSignature({
      secret,
      signature: header(request, SIGNATURE_HEADER),
      timestamp: header(request, TIMESTAMP_HEADER),
      rawBody: request.rawBody,
      now,
    });
    if (!signed) throw new OtaiError("OTAI_WEBHOOK_INVALID", "Zendesk webhook signature is missing, wrong or stale");
    let body: unknown;
    try {
      body = JSON.parse(request.rawBody.toString("utf8"));
    } catch {
      throw new OtaiError("OTAI_WEBHOOK_INVALID", "Zendesk webhook body is not JSON");
    }
    let event: ReturnType<typeof parseZendeskWebhook>;
    try {
      event = parseZendeskWebhook(body);
    } catch (error) {
      throw new OtaiError("OTAI_WEBHOOK_INVALID", (error as Error).message, { cause: error });
    }
    // Zendesk repeats a delivery with the same invocation id when it did not get a 2xx in time.
    const eventId = event.eventId ?? header(request, "x-zendesk-webhook-invocation-id");
    return [{ ticketId: event.ticketId, kind: event.kind, ...(eventId ? { eventId } : {}) }];
  };
}
