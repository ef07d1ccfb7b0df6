/**
 * @module fakes/zendesk/handlers/incremental
 * `GET /api/v2/incremental/tickets/cursor`: every ticket changed since `start_time` (unix seconds),
 * oldest change first, then `?cursor=` from `after_cursor` until `end_of_stream`. Admins only, with
 * its own budget (10/min), and blind to the most recent minute, as Zendesk is since 2024-10-28.
 */
import { decodeCursor, encodeCursor, sortByKey } from "../pagination.ts";
import { ticketJson } from "../render.ts";
import { badRequest, jsonReply } from "../reply.ts";
import type { Handler } from "../router.ts";
import type { ZendeskTicket } from "../types.ts";

/** Tickets per page of the incremental export (Zendesk: up to 1000). */
export const INCREMENTAL_PAGE_SIZE = 1000;

export const incrementalTickets: Handler = (request, fake) => {
  const { query } = request;
  const now = fake.clock.now();
  let position: [number, number];
  const cursor = query.get("cursor");
  const startTime = query.get("start_time");
  if (cursor !== null) {
    const decoded = decodeCursor(cursor);
    if (!Array.isArray(decoded) || typeof decoded[0] !== "number" || typeof decoded[1] !== "number") {
      return badRequest("InvalidValue", "cursor is invalid");
    }
    position = [decoded[0], decoded[1]];
  } else if (startTime !== null) {
    if (!/^\d+$/.test(startTime)) return badRequest("InvalidValue", "start_time must be a unix time in seconds");
    const startMs = Number(startTime) * 1000;
    // [U] wording; the spec: "Must be at least one minute in the past" (the same minute it leaves out).
    if (startMs > now - fake.settings.quirks.incrementalExcludeRecentMs) {
      return badRequest("InvalidValue", "Too recent start_time. Use a start_time older than 1 minute");
    }
    // Just before the first change at start_time, so tickets changed at exactly that second come too.
    position = [startMs, -1];
  } else {
    return badRequest("InvalidValue", "start_time or cursor is required");
  }
  const perPage = Math.min(
    Number(query.get("per_page") ?? INCREMENTAL_PAGE_SIZE) || INCREMENTAL_PAGE_SIZE,
    INCREMENTAL_PAGE_SIZE,
  );
  const horizon = now - fake.settings.quirks.incrementalExcludeRecentMs;
  const sortKey = (ticket: ZendeskTicket): [number, number] => [Date.parse(ticket.updated_at), ticket.id];
  const later = sortByKey([...fake.store.tickets.values()], sortKey, false).filter((ticket) => {
    const [updated, id] = sortKey(ticket);
    return updated <= horizon && (updated > position[0] || (updated === position[0] && id > position[1]));
  });
  const page = later.slice(0, perPage);
  const last = page.at(-1);
  const afterCursor = encodeCursor(last ? sortKey(last) : position);
  return jsonReply(200, {
    tickets: page.map((ticket) => ticketJson(ticket, fake.baseUrl)),
    after_url: `${fake.baseUrl}/api/v2/incremental/tickets/cursor.json?cursor=${afterCursor}`,
    after_cursor: afterCursor,
    before_url: null,
    before_cursor: null,
    end_of_stream: later.length <= page.length,
  });
};
