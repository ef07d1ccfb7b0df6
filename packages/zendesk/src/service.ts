/**
 * @module service
 * The Zendesk TicketSystem.
 *
 * Which endpoint reads what, and why:
 * - a view → `GET /views/{id}/tickets` (cursor);
 * - queue, status or updated-since → the export search `GET /search/export` (cursor, no 1,000-result
 *   cap, 100 requests a minute), not the plain search, which stops at 1,000 results and pages by
 *   offset; an offset is served by skipping through cursor pages;
 * - nothing → `GET /tickets` (cursor).
 * Groups are queried by id (`group_id:12`), resolved from the name through the cached groups list,
 * because a name in a query is matched loosely by Zendesk.
 * New tickets take a few minutes to reach the search index; push triggers (webhooks) cover that gap.
 */
import type {
  BulkUpdateItem,
  BulkUpdateResult,
  HelpDeskOptions,
  HttpClient,
  TicketPage,
  TicketSearchCriteria,
  TicketSystem,
  TicketUpdate,
  UnifiedNote,
  UnifiedNoteInput,
  UnifiedTicket,
} from "@otai/core";
import { isOtaiError, OtaiError, TicketSearchCriteriaSchema, TicketUpdateSchema, UnifiedNoteSchema } from "@otai/core";
import { type CursorPage, createZendeskApi, type JobStatus } from "./client.ts";
import { createDirectoryCache } from "./directory.ts";
import { toUnifiedTicket, toZendeskComment, toZendeskUpdate } from "./mapping.ts";
import { ZENDESK_PRIORITIES, ZENDESK_STATUSES, ZENDESK_TYPES, type ZendeskTicket } from "./native.ts";
import { webhookReceiver } from "./webhook-receiver.ts";

/**
 * Our cursor: Zendesk's cursor of the page to read (absent for the first page), where in that page to
 * start, and the page size it was cut with, so that a page can be resumed in the middle (after an
 * offset, or a limit smaller than the page) without skipping or repeating a ticket.
 */
interface Cursor {
  /** Which endpoint the cursor belongs to. */
  e: "list" | "view" | "export";
  a?: string;
  s: number;
  p: number;
}

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
function decode(text: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Cursor;
    const valid =
      ["list", "view", "export"].includes(parsed.e) &&
      (parsed.a === undefined || typeof parsed.a === "string") &&
      Number.isInteger(parsed.s) &&
      parsed.s >= 0 &&
      Number.isInteger(parsed.p) &&
      parsed.p > 0 &&
      parsed.p <= 1000;
    if (valid) return parsed;
  } catch {}
  throw new OtaiError("OTAI_HELPDESK_INVALID", "this cursor was not issued by the Zendesk adapter");
}

// Search dates have whole seconds; the exact cut is made here, on the ticket's own timestamp.
function updatedSince(ticket: UnifiedTicket, criteria: TicketSearchCriteria): boolean {
  if (criteria.updated_since === undefined) return true;
  return Date.parse(ticket.updated_at ?? "") >= Date.parse(criteria.updated_since);
}

const quote = (value: string) => (/^[\w.-]+$/.test(value) ? value : `"${value.replace(/"/g, "")}"`);

export interface ZendeskServiceOptions {
  /** How often a bulk job's status is polled. */
  jobPollMs?: number;
  /** How long a bulk job may take before its remaining tickets count as failed. */
  jobTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Enables {@link TicketSystem.webhookEvents}: deliveries must be signed with this secret. */
  webhookSecret?: string;
}

/**
 * @example
 * const system = createZendeskTicketSystem(createHttpClient({ baseUrl: "https://acme.zendesk.com/api/v2", name: "Zendesk" }));
 * const { tickets } = await system.find({ queue: { name: "Tier 1" }, status: "new", limit: 50, offset: 0 });
 */
export function createZendeskTicketSystem(http: HttpClient, options: ZendeskServiceOptions = {}): TicketSystem {
  const api = createZendeskApi(http);
  const directory = createDirectoryCache(api);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const toUnified = async (tickets: ZendeskTicket[]): Promise<UnifiedTicket[]> => {
    let dir = await directory.get();
    const unknown = tickets.find((t) => t.group_id != null && !dir.groups.some((g) => g.id === t.group_id));
    if (unknown) dir = await directory.get({ needGroup: unknown.group_id ?? null });
    return tickets.map((ticket) => toUnifiedTicket(ticket, dir));
  };

  const searchQuery = async (criteria: TicketSearchCriteria): Promise<string> => {
    // The export search takes the type in filter[type] and refuses it in the query.
    const terms: string[] = [];
    if (criteria.queue !== undefined) {
      let id = criteria.queue.id;
      if (id === undefined && criteria.queue.name !== undefined) {
        const name = criteria.queue.name;
        const dir = await directory.get({ needGroupName: name });
        const group = dir.groups.find((g) => !g.deleted && g.name.toLowerCase() === name.toLowerCase());
        if (!group) {
          throw new OtaiError(
            "OTAI_HELPDESK_INVALID",
            `Zendesk: no group named '${name}'; groups: ${dir.groups.map((g) => g.name).join(", ")}`,
          );
        }
        id = String(group.id);
      }
      terms.push(`group_id:${quote(String(id))}`);
    }
    const statuses =
      criteria.status === undefined ? [] : Array.isArray(criteria.status) ? criteria.status : [criteria.status];
    for (const status of statuses) {
      if (!(ZENDESK_STATUSES as readonly string[]).includes(status.toLowerCase()) && !/^[<>]=?\w+$/.test(status)) {
        throw new OtaiError(
          "OTAI_HELPDESK_INVALID",
          `Zendesk: status must be one of ${ZENDESK_STATUSES.join(", ")}, not '${status}'`,
        );
      }
      // Zendesk ORs several terms on the same property.
      terms.push(/^[<>]/.test(status) ? `status${status.toLowerCase()}` : `status:${status.toLowerCase()}`);
    }
    if (criteria.updated_since !== undefined) {
      const since = new Date(criteria.updated_since);
      if (Number.isNaN(since.getTime()))
        throw new OtaiError("OTAI_HELPDESK_INVALID", `updated_since is not a date: ${criteria.updated_since}`);
      terms.push(`updated>=${since.toISOString().replace(/\.\d{3}Z$/, "Z")}`);
    }
    return terms.join(" ");
  };

  const cursorPages = async (
    kind: Cursor["e"],
    fetch: (size: number, after?: string) => Promise<CursorPage<ZendeskTicket>>,
    criteria: TicketSearchCriteria,
  ): Promise<TicketPage> => {
    const max = kind === "export" ? 1000 : 100;
    const resumed = criteria.cursor === undefined ? undefined : decode(criteria.cursor);
    let after = resumed?.a;
    // An offset on a cursor endpoint is served by skipping; it is bounded by the criteria schema.
    let skip = resumed ? resumed.s : criteria.offset;
    const size = resumed ? resumed.p : skip > 0 ? max : Math.min(criteria.limit, max);
    for (;;) {
      const page = await fetch(size, after);
      if (skip >= page.items.length && page.after !== undefined) {
        skip -= page.items.length;
        after = page.after;
        continue;
      }
      const items = page.items.slice(skip, skip + criteria.limit);
      const end = skip + items.length;
      const next: Cursor | undefined =
        end < page.items.length
          ? { e: kind, ...(after === undefined ? {} : { a: after }), s: end, p: size }
          : page.after !== undefined
            ? { e: kind, a: page.after, s: 0, p: size }
            : undefined;
      const tickets = (await toUnified(items)).filter((ticket) => updatedSince(ticket, criteria));
      return next ? { tickets, next_cursor: encode(next) } : { tickets };
    }
  };

  // Zendesk ticket ids are integers: anything else names no ticket, and is not sent.
  const isTicketId = (id: string) => /^[1-9]\d{0,15}$/.test(id);

  const get = async (id: string): Promise<UnifiedTicket | null> => {
    if (!isTicketId(id)) return null;
    let ticket: ZendeskTicket;
    try {
      ticket = await api.ticket(id);
    } catch (error) {
      if (isOtaiError(error, "OTAI_HELPDESK_NOT_FOUND")) return null;
      throw error;
    }
    const [unified] = await toUnified([ticket]);
    const comments = await api.comments(id);
    if (!unified) return null;
    return {
      ...unified,
      // The first comment is the ticket's description, already the body; the rest are its notes.
      notes: comments.slice(1).map((c) => ({
        id: String(c.id),
        subject: "",
        body: c.plain_body ?? c.body ?? "",
        content_type: "text/plain",
        internal: !c.public,
        ...(c.created_at ? { created_at: c.created_at } : {}),
      })),
    };
  };

  const put = async (
    id: string,
    ticket: Parameters<typeof api.updateTicket>[1],
    receipt?: { version?: string },
  ): Promise<boolean> => {
    if (!isTicketId(id)) return false;
    try {
      const updated = await api.updateTicket(id, ticket);
      if (receipt && typeof updated?.updated_at === "string") receipt.version = updated.updated_at;
      return true;
    } catch (error) {
      if (isOtaiError(error, "OTAI_HELPDESK_NOT_FOUND")) return false;
      throw error;
    }
  };

  const waitForJob = async (job: JobStatus): Promise<JobStatus> => {
    const deadline = Date.now() + (options.jobTimeoutMs ?? 300_000);
    let current = job;
    while (current.status === "queued" || current.status === "working") {
      if (Date.now() > deadline)
        return { ...current, status: "failed", message: "the bulk job did not finish in time" };
      await sleep(options.jobPollMs ?? 1000);
      current = await api.jobStatus(current.id);
    }
    return current;
  };

  return {
    async find(input) {
      const criteria = TicketSearchCriteriaSchema.parse(input);
      const cursorKind = criteria.cursor === undefined ? undefined : decode(criteria.cursor).e;
      if (criteria.view !== undefined || cursorKind === "view") {
        const view = criteria.view;
        if (view === undefined)
          throw new OtaiError("OTAI_HELPDESK_INVALID", "a view cursor needs its view in the criteria");
        return cursorPages("view", (size, after) => api.viewTickets(view, size, after), criteria);
      }
      if (criteria.queue !== undefined || criteria.status !== undefined || criteria.updated_since !== undefined) {
        const query = await searchQuery(criteria);
        return cursorPages("export", (size, after) => api.exportSearch(query, size, after), criteria);
      }
      return cursorPages("list", (size, after) => api.listTickets(size, after), criteria);
    },
    get,
    async update(id, input, updateOptions = {}) {
      const changes: TicketUpdate = TicketUpdateSchema.parse(input);
      const dir = await directory.get(changes.queue?.name !== undefined ? { needGroupName: changes.queue.name } : {});
      const ticket = toZendeskUpdate(
        changes,
        dir,
        updateOptions.expectedVersion === undefined ? {} : { expectedVersion: updateOptions.expectedVersion },
      );
      return put(id, ticket, updateOptions.receipt);
    },
    async addNote(id, input: UnifiedNoteInput | UnifiedNote, noteOptions = {}) {
      const note = UnifiedNoteSchema.parse(input);
      return put(id, { comment: toZendeskComment(note, noteOptions.internal ?? note.internal) });
    },
    async options(): Promise<HelpDeskOptions> {
      const dir = await directory.get();
      return {
        queues: dir.groups.filter((g) => !g.deleted).map((g) => ({ id: String(g.id), name: g.name })),
        priorities: ZENDESK_PRIORITIES.map((name) => ({ name })),
        types: [...ZENDESK_TYPES],
        statuses: [...ZENDESK_STATUSES],
        fields: dir.fields
          .filter((f) => f.active !== false)
          .map((f) => ({
            id: String(f.id),
            name: f.title,
            type: f.type,
            ...(f.custom_field_options ? { options: f.custom_field_options.map((o) => o.value) } : {}),
          })),
      };
    },
    ...(options.webhookSecret ? { webhookEvents: webhookReceiver(options.webhookSecret) } : {}),
    async updateMany(items: readonly BulkUpdateItem[]): Promise<BulkUpdateResult[]> {
      const results: BulkUpdateResult[] = [];
      const dir = await directory.get();
      const ready: { id: string; ticket: ReturnType<typeof toZendeskUpdate> & { id: number } }[] = [];
      for (const item of items) {
        try {
          const changes = TicketUpdateSchema.parse(item.changes);
          const update = toZendeskUpdate(
            changes,
            dir,
            item.expectedVersion === undefined ? {} : { expectedVersion: item.expectedVersion },
          );
          ready.push({ id: item.id, ticket: { id: Number(item.id), ...update } });
        } catch (error) {
          results.push({
            id: item.id,
            ok: false,
            code: isOtaiError(error) ? error.code : "OTAI_HELPDESK_INVALID",
            message: String((error as Error).message),
          });
        }
      }
      // update_many takes at most 100 tickets per job.
      for (let i = 0; i < ready.length; i += 100) {
        const chunk = ready.slice(i, i + 100);
        const job = await waitForJob(await api.updateMany(chunk.map((c) => c.ticket)));
        const byId = new Map((job.results ?? []).map((r) => [String(r.id), r]));
        for (const { id } of chunk) {
          const result = byId.get(id);
          if (
            result?.success === true ||
            (result && result.success === undefined && /updated/i.test(result.status ?? ""))
          ) {
            results.push({ id, ok: true });
          } else {
            const message =
              result?.errors ?? result?.error ?? result?.details ?? job.message ?? `bulk job ${job.status}`;
            const conflict = /conflict|outdated/i.test(String(message));
            results.push({
              id,
              ok: false,
              code: conflict ? "OTAI_HELPDESK_CONFLICT" : "OTAI_HELPDESK_INVALID",
              message: String(message),
            });
          }
        }
      }
      // In the order asked, whatever order the jobs reported in.
      const byId = new Map(results.map((r) => [r.id, r]));
      return items.map(
        (item) =>
          byId.get(item.id) ?? { id: item.id, ok: false, code: "OTAI_HELPDESK_UNAVAILABLE", message: "no result" },
      );
    },
    close: () => api.close(),
  };
}
