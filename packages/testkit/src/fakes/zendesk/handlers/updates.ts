/**
 * @module fakes/zendesk/handlers/updates
 * Writing tickets: `PUT /api/v2/tickets/{id}` (answers `{ticket, audit}`), `PUT
 * /api/v2/tickets/update_many` (answers a queued job) and `GET /api/v2/job_statuses/{id}`.
 */
import type { ZendeskJob } from "../jobs.ts";
import { ticketJson } from "../render.ts";
import { badRequest, jsonReply, recordNotFound } from "../reply.ts";
import { type FakeState, type Handler, numericParam } from "../router.ts";
import { applyTicketUpdate } from "../ticket-update.ts";
import { MAX_IDS, readIds } from "./tickets.ts";

export const updateTicket: Handler = (request, fake) => {
  const id = numericParam(request.params.id);
  if (id === undefined) return recordNotFound();
  const patch = ticketObject(request.body);
  if (patch === undefined) return badRequest("InvalidParameter", "The request body needs a ticket object");
  const outcome = applyTicketUpdate(fake.store, fake.settings.quirks, id, patch, request.caller.userId);
  if (!outcome.ok) return outcome.reply;
  const audit = outcome.audit ?? {
    // Nothing changed: Zendesk still answers with the ticket; the audit then has no events.
    ticket_id: id,
    created_at: outcome.ticket.updated_at,
    author_id: request.caller.userId,
    events: [],
  };
  return jsonReply(200, { ticket: ticketJson(outcome.ticket, fake.baseUrl), audit: structuredClone(audit) });
};

export const updateManyTickets: Handler = (request, fake) => {
  const body = request.body as { ticket?: unknown; tickets?: unknown } | undefined;
  const rawIds = request.query.get("ids");
  let updates: { id: number; patch: unknown }[];
  if (rawIds !== null) {
    const ids = readIds(rawIds);
    if (typeof ids === "string") return badRequest("InvalidParameter", ids);
    const patch = ticketObject(body);
    if (patch === undefined) return badRequest("InvalidParameter", "With ids, the body needs one ticket object");
    updates = ids.map((id) => ({ id, patch: structuredClone(patch) }));
  } else if (Array.isArray(body?.tickets)) {
    if (body.tickets.length > MAX_IDS) return badRequest("InvalidParameter", `at most ${MAX_IDS} tickets per request`);
    const entries = body.tickets as unknown[];
    if (!entries.every((entry) => Number.isInteger((entry as { id?: unknown } | null)?.id))) {
      return badRequest("InvalidParameter", "every ticket in tickets needs an id");
    }
    updates = entries.map((entry) => {
      const { id, ...patch } = entry as { id: number };
      return { id, patch };
    });
  } else {
    return badRequest("InvalidParameter", "Give ids with a ticket object, or a tickets array with ids");
  }
  const job = fake.jobs.enqueue(updates, request.caller.userId);
  return jsonReply(200, { job_status: jobJson(job, fake) });
};

export const showJobStatus: Handler = (request, fake) => {
  const id = request.params.id ?? "";
  const job = fake.jobs.poll(id);
  return job ? jsonReply(200, { job_status: jobJson(job, fake) }) : recordNotFound();
};

/** A job as the API shows it. */
export function jobJson(job: ZendeskJob, fake: FakeState): Record<string, unknown> {
  return {
    id: job.id,
    url: `${fake.baseUrl}/api/v2/job_statuses/${job.id}.json`,
    job_type: job.job_type,
    status: job.status,
    total: job.total,
    progress: job.progress,
    message: job.message,
    results: structuredClone(job.results),
  };
}

function ticketObject(body: unknown): Record<string, unknown> | undefined {
  const ticket = (body as { ticket?: unknown } | undefined)?.ticket;
  return typeof ticket === "object" && ticket !== null && !Array.isArray(ticket)
    ? (ticket as Record<string, unknown>)
    : undefined;
}
