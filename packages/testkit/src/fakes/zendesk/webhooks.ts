/**
 * @module fakes/zendesk/webhooks
 * The sending side of Zendesk webhooks, for testing an adapter's webhook receiver: a POST of a JSON
 * payload with `x-zendesk-webhook-signature = base64(HMAC-SHA256(secret, timestamp + body))` and
 * `x-zendesk-webhook-signature-timestamp`, plus the id headers Zendesk sends.
 */
import { createHmac } from "node:crypto";

/**
 * The signature Zendesk puts on a webhook body.
 *
 * @example
 * signWebhook("secret", "2025-01-01T00:00:00Z", '{"type":"zen:event-type:ticket.created"}');
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret)
    .update(timestamp + body)
    .digest("base64");
}

export interface WebhookDelivery {
  /** The receiver, e.g. `http://127.0.0.1:PORT/hooks/zendesk`. */
  url: string;
  secret: string;
  payload: unknown;
  webhookId?: string;
  accountId?: string;
  /** Defaults to now, as Zendesk stamps each invocation. */
  timestamp?: string;
}

/**
 * POSTs `payload` to `url` signed like Zendesk does and returns the receiver's response.
 *
 * @example
 * const res = await deliverWebhook({ url: receiver.url, secret: "s3cret", payload: { type: "zen:event-type:ticket.created", detail: { id: "1" } } });
 */
export async function deliverWebhook(delivery: WebhookDelivery): Promise<Response> {
  const body = JSON.stringify(delivery.payload);
  const timestamp = delivery.timestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  return fetch(delivery.url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "x-zendesk-account-id": delivery.accountId ?? "1",
      "x-zendesk-webhook-id": delivery.webhookId ?? "01HFAKEWEBHOOK",
      "x-zendesk-webhook-invocation-id": String(Date.now()),
      "x-zendesk-webhook-signature": signWebhook(delivery.secret, timestamp, body),
      "x-zendesk-webhook-signature-timestamp": timestamp,
    },
    body,
  });
}
