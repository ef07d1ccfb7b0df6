/**
 * @module client
 * Zendesk's endpoints as typed calls over the shared HTTP client (which does timeouts, retries,
 * Retry-After and the rate budget). Pagination is followed by cursor wherever Zendesk offers one.
 */
import type { HttpClient } from "@otai/core";
import type { ZendeskComment, ZendeskGroup, ZendeskTicket, ZendeskTicketField, ZendeskTicketUpdate } from "./native.ts";

/** A page from a cursor-paginated endpoint. */
export interface CursorPage<T> {
  items: T[];
  after?: string;
}

interface CursorBody {
  meta?: { has_more?: boolean; after_cursor?: string | null };
}

export interface JobStatus {
  id: string;
  status: "queued" | "working" | "failed" | "completed" | "killed";
  results?: { id?: number; success?: boolean; status?: string; errors?: string; error?: string; details?: string }[];
  message?: string | null;
}

function afterOf(body: CursorBody): { after?: string } {
  const after = body.meta?.has_more ? body.meta.after_cursor : undefined;
  return after ? { after } : {};
}

/**
 * @example
 * const api = createZendeskApi(http);
 * const page = await api.exportSearch('type:ticket group_id:12 status<solved', 100);
 */
export function createZendeskApi(http: HttpClient) {
  const get = async <T>(path: string, query?: Record<string, string | number | undefined>) =>
    (await http.request<T>({ method: "GET", path, query })).body;

  const all = async <T>(path: string, key: string, query: Record<string, string | number> = {}): Promise<T[]> => {
    const out: T[] = [];
    let after: string | undefined;
    // Bounded: groups and fields are small; a runaway cursor must not loop forever.
    for (let page = 0; page < 1000; page++) {
      const body = await get<CursorBody & Record<string, T[]>>(path, {
        ...query,
        "page[size]": 100,
        "page[after]": after,
      });
      out.push(...(body[key] ?? []));
      after = afterOf(body).after;
      if (after === undefined) break;
    }
    return out;
  };

  return {
    async ticket(id: string): Promise<ZendeskTicket> {
      return (await get<{ ticket: ZendeskTicket }>(`/tickets/${encodeURIComponent(id)}.json`)).ticket;
    },
    comments: (id: string) => all<ZendeskComment>(`/tickets/${encodeURIComponent(id)}/comments.json`, "comments"),
    groups: () => all<ZendeskGroup>("/groups.json", "groups"),
    ticketFields: () => all<ZendeskTicketField>("/ticket_fields.json", "ticket_fields"),

    async listTickets(size: number, after?: string): Promise<CursorPage<ZendeskTicket>> {
      const body = await get<CursorBody & { tickets: ZendeskTicket[] }>("/tickets.json", {
        "page[size]": size,
        "page[after]": after,
      });
      return { items: body.tickets ?? [], ...afterOf(body) };
    },
    async viewTickets(view: string, size: number, after?: string): Promise<CursorPage<ZendeskTicket>> {
      const body = await get<CursorBody & { tickets: ZendeskTicket[] }>(
        `/views/${encodeURIComponent(view)}/tickets.json`,
        {
          "page[size]": size,
          "page[after]": after,
        },
      );
      return { items: body.tickets ?? [], ...afterOf(body) };
    },
    async exportSearch(query: string, size: number, after?: string): Promise<CursorPage<ZendeskTicket>> {
      const body = await get<CursorBody & { results: ZendeskTicket[] }>("/search/export.json", {
        query,
        "filter[type]": "ticket",
        "page[size]": size,
        "page[after]": after,
      });
      return { items: body.results ?? [], ...afterOf(body) };
    },
    async updateTicket(id: string, ticket: ZendeskTicketUpdate): Promise<ZendeskTicket> {
      const response = await http.request<{ ticket: ZendeskTicket }>({
        method: "PUT",
        path: `/tickets/${encodeURIComponent(id)}.json`,
        body: { ticket },
      });
      return response.body.ticket;
    },
    async updateMany(tickets: (ZendeskTicketUpdate & { id: number })[]): Promise<JobStatus> {
      // update_many is not idempotent by HTTP method (PUT) in effect: a retried job would apply twice,
      // but each item carries safe_update with the stamp read, so a repeat fails as a conflict instead.
      const response = await http.request<{ job_status: JobStatus }>({
        method: "PUT",
        path: "/tickets/update_many.json",
        body: { tickets },
      });
      return response.body.job_status;
    },
    async jobStatus(id: string): Promise<JobStatus> {
      return (await get<{ job_status: JobStatus }>(`/job_statuses/${encodeURIComponent(id)}.json`)).job_status;
    },
    close: () => http.close(),
  };
}

export type ZendeskApi = ReturnType<typeof createZendeskApi>;
