/**
 * @module data/ticket-history
 * "Learn from your own history": the solved and closed tickets of a help desk as training examples,
 * with the labels agents finally gave them (queue, priority, type) and their tags.
 */
import type { TicketSystem, UnifiedTicket } from "@otai/core";
import { OtaiError } from "@otai/core";
import type { DataExample } from "./read-examples.ts";

export interface TicketHistoryOptions {
  /** Read at most this many tickets. */
  limit?: number | undefined;
  statuses?: readonly string[];
  /** Called after each page with the tickets read so far. */
  onPage?: (read: number) => void;
}

export interface TicketHistory {
  /** `line` is the ticket's position in the history (1-based), for messages. */
  examples: (DataExample & { id: string })[];
  /** The heads with at least two labels among the examples, in the order queue, priority, type. */
  heads: string[];
  /** Heads every example gives the same label: nothing to learn, so they are not in `heads`. */
  constantHeads: { head: string; label: string }[];
  tickets: number;
  skipped: { empty_text: number; no_label: number };
}

const PAGE = 100;
// OTAI writes its own bookkeeping tags (otai-routed, otai-review…); learning them would be circular.
const OWN_TAG = /^otai-/;

/**
 * The example a finished ticket teaches: text = subject + body; labels = queue and priority names and
 * the type; tags without OTAI's own.
 *
 * @example
 * ticketExample({ id: "1", subject: "Invoice", body: "wrong", queue: { name: "Billing" }, tags: ["otai-routed", "vip"], … });
 * // { text: "Invoice wrong", labels: { queue: "Billing" }, tags: ["vip"] }
 */
export function ticketExample(ticket: UnifiedTicket): Omit<DataExample, "line"> {
  const text = [ticket.subject, ticket.body]
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .join(" ");
  const labels: Record<string, string> = {};
  const queue = ticket.queue?.name?.trim();
  const priority = ticket.priority?.name?.trim();
  const type = ticket.type?.trim();
  if (queue) labels.queue = queue;
  if (priority) labels.priority = priority;
  if (type) labels.type = type;
  const tags = [...new Set(ticket.tags.filter((tag) => !OWN_TAG.test(tag)))];
  return { text, labels, tags };
}

/**
 * Pages through the help desk's solved and closed tickets (100 at a time) and turns them into examples.
 *
 * @example
 * const system = (await app.services.get("desk", "ticket-system", "otai train")) as TicketSystem;
 * const history = await readTicketHistory(system, { limit: 5000 });
 * await trainModel(history.examples, { heads: history.heads });
 */
export async function readTicketHistory(
  system: TicketSystem,
  options: TicketHistoryOptions = {},
): Promise<TicketHistory> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const statuses = [...(options.statuses ?? ["solved", "closed"])];
  const examples: TicketHistory["examples"] = [];
  const skipped = { empty_text: 0, no_label: 0 };
  const heads = new Map<string, Set<string>>();
  let tickets = 0;
  let cursor: string | undefined;
  const cursors = new Set<string>();
  while (tickets < limit) {
    const page = await system.find({
      status: statuses,
      limit: Math.min(PAGE, limit - tickets),
      offset: 0,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const ticket of page.tickets.slice(0, limit - tickets)) {
      tickets += 1;
      const example = ticketExample(ticket);
      if (example.text === "") skipped.empty_text += 1;
      else if (Object.keys(example.labels).length === 0 && (example.tags?.length ?? 0) === 0) skipped.no_label += 1;
      else {
        for (const [head, label] of Object.entries(example.labels)) {
          const seen = heads.get(head) ?? new Set<string>();
          heads.set(head, seen.add(label));
        }
        examples.push({ ...example, line: tickets, id: ticket.id });
      }
    }
    options.onPage?.(tickets);
    cursor = page.next_cursor;
    if (cursor === undefined || page.tickets.length === 0) break;
    // A help desk that hands out the same cursor twice would otherwise page forever.
    if (cursors.has(cursor)) {
      throw new OtaiError("OTAI_HELPDESK_INVALID", `the help desk returned cursor ${JSON.stringify(cursor)} twice`);
    }
    cursors.add(cursor);
  }
  const order = ["queue", "priority", "type"].filter((head) => heads.has(head));
  // A head with one label would predict it for every ticket with confidence 1, and be auto-applied.
  const constantHeads = order
    .filter((head) => heads.get(head)?.size === 1)
    .map((head) => ({ head, label: [...(heads.get(head) ?? [])][0] as string }));
  return {
    examples,
    heads: order.filter((head) => (heads.get(head)?.size ?? 0) > 1),
    constantHeads,
    tickets,
    skipped,
  };
}
