/**
 * @module webhook
 * Zendesk webhooks: signature check and payload parsing, for push triggers. Zendesk signs each
 * request with `base64(HMAC-SHA256(signing_secret, timestamp + raw_body))` in the headers
 * `x-zendesk-webhook-signature` and `x-zendesk-webhook-signature-timestamp`.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { OtaiError } from "@otai/core";

export const SIGNATURE_HEADER = "x-zendesk-webhook-signature";
export const TIMESTAMP_HEADER = "x-zendesk-webhook-signature-timestamp";

export interface SignatureCheck {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  /** The body exactly as received: re-serialised JSON would not match the signature. */
  rawBody: string | Uint8Array;
  /** Reject timestamps further than this from now, against replays (default 300 s; 0 disables). */
  toleranceSeconds?: number;
  now?: () => number;
}

/**
 * True when the request was signed with `secret` (and is recent enough).
 *
 * @example
 * const ok = verifyZendeskSignature({
 *   secret: process.env.ZENDESK_WEBHOOK_SECRET ?? "",
 *   signature: req.headers[SIGNATURE_HEADER], timestamp: req.headers[TIMESTAMP_HEADER], rawBody,
 * });
 */
export function verifyZendeskSignature(check: SignatureCheck): boolean {
  const { secret, signature, timestamp } = check;
  if (!secret || !signature || !timestamp) return false;
  const tolerance = check.toleranceSeconds ?? 300;
  if (tolerance > 0) {
    const sent = Date.parse(timestamp);
    const now = (check.now ?? Date.now)();
    if (Number.isNaN(sent) || Math.abs(now - sent) > tolerance * 1000) return false;
  }
  const body = typeof check.rawBody === "string" ? Buffer.from(check.rawBody, "utf8") : Buffer.from(check.rawBody);
  const expected = createHmac("sha256", secret).update(timestamp, "utf8").update(body).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature, "base64");
  } catch {
    return false;
  }
  // Constant time, so the signature cannot be guessed byte by byte from response times.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface ZendeskTicketEvent {
  kind: "created" | "updated";
  ticketId: string;
  /** Zendesk's event id, for ignoring duplicate deliveries; absent for trigger payloads without one. */
  eventId?: string;
  /** The event type, e.g. `zen:event-type:ticket.status_changed`, or `trigger` for a trigger payload. */
  type: string;
  time?: string;
}

const CREATED = "zen:event-type:ticket.created";
const TICKET_EVENT = /^zen:event-type:ticket\./;

function idOf(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return String(value);
  if (typeof value === "string" && /^\d+$/.test(value.trim())) return value.trim();
  return undefined;
}

/**
 * Reads a ticket event from a webhook body: an event-subscription payload (`zen:event-type:ticket.*`;
 * `ticket.created` is "created", every other ticket event "updated"), or the JSON a trigger sends,
 * which the admin writes, e.g. `{"ticket_id": "{{ticket.id}}", "event": "created"}`.
 *
 * @example
 * parseZendeskWebhook({ type: "zen:event-type:ticket.created", id: "01H…", subject: "zen:ticket:35436", detail: { id: "35436" } });
 * // { kind: "created", ticketId: "35436", eventId: "01H…", type: "zen:event-type:ticket.created" }
 */
export function parseZendeskWebhook(body: unknown): ZendeskTicketEvent {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new OtaiError("OTAI_HELPDESK_INVALID", "Zendesk webhook body is not a JSON object");
  }
  const payload = body as Record<string, unknown>;
  const type = typeof payload.type === "string" ? payload.type : undefined;
  if (type?.startsWith("zen:event-type:")) {
    if (!TICKET_EVENT.test(type)) {
      throw new OtaiError("OTAI_HELPDESK_INVALID", `Zendesk webhook event '${type}' is not a ticket event`, {
        details: { type },
      });
    }
    const detail = (payload.detail ?? {}) as Record<string, unknown>;
    const fromSubject =
      typeof payload.subject === "string" ? /^zen:ticket:(\d+)$/.exec(payload.subject)?.[1] : undefined;
    const ticketId = idOf(detail.id) ?? fromSubject;
    if (ticketId === undefined)
      throw new OtaiError("OTAI_HELPDESK_INVALID", `Zendesk webhook event '${type}' names no ticket`);
    return {
      kind: type === CREATED ? "created" : "updated",
      ticketId,
      type,
      ...(typeof payload.id === "string" ? { eventId: payload.id } : {}),
      ...(typeof payload.time === "string" ? { time: payload.time } : {}),
    };
  }
  const ticket = (typeof payload.ticket === "object" && payload.ticket !== null ? payload.ticket : {}) as Record<
    string,
    unknown
  >;
  const ticketId = idOf(payload.ticket_id) ?? idOf(ticket.id) ?? idOf(payload.id);
  if (ticketId === undefined) {
    throw new OtaiError(
      "OTAI_HELPDESK_INVALID",
      'Zendesk webhook body has no ticket id: a trigger\'s JSON should include "ticket_id": "{{ticket.id}}"',
    );
  }
  const event = String(payload.event ?? payload.kind ?? "").toLowerCase();
  const eventId = payload.event_id ?? payload.delivery_id;
  return {
    kind: event.includes("creat") ? "created" : "updated",
    ticketId,
    type: "trigger",
    ...(typeof eventId === "string" || typeof eventId === "number" ? { eventId: String(eventId) } : {}),
    ...(typeof payload.time === "string" ? { time: payload.time } : {}),
  };
}
