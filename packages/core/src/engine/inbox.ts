/**
 * @module engine/inbox
 * The webhook inbox: ticket ids waiting to be processed, per help desk. A webhook answers as soon as
 * the id is queued; the pipeline drains it. Event ids seen recently are remembered, so a delivery that
 * the help desk repeats (it did not get our 2xx in time) is not queued twice. The ledger still decides
 * whether a ticket needs work, so a duplicate that slips past this window causes no second write.
 */
import type { TicketInbox } from "../contracts/engine.ts";

export interface InboxOptions {
  /** How many event ids are remembered for duplicate detection. */
  rememberEvents?: number;
  /** Queued ids per help desk beyond which the oldest are dropped (polling reconciles them). */
  maxQueued?: number;
  onDrop?: (system: string, ticketId: string) => void;
}

/**
 * @example
 * const inbox = createTicketInbox();
 * inbox.push("zendesk", { ticketId: "42", eventId: "01H", kind: "created" }); // "accepted"
 * inbox.push("zendesk", { ticketId: "42", eventId: "01H", kind: "created" }); // "duplicate"
 * inbox.take("zendesk", 10); // ["42"]
 */
export function createTicketInbox(options: InboxOptions = {}): TicketInbox {
  const remember = options.rememberEvents ?? 10_000;
  const maxQueued = options.maxQueued ?? 100_000;
  const seen = new Map<string, true>();
  // A Set keeps insertion order and folds repeated events of one ticket into one entry.
  const queues = new Map<string, Set<string>>();

  const queueOf = (system: string) => {
    let queue = queues.get(system);
    if (!queue) {
      queue = new Set();
      queues.set(system, queue);
    }
    return queue;
  };

  return {
    push(system, event) {
      if (event.eventId !== undefined) {
        const key = `${system}\u0000${event.eventId}`;
        if (seen.has(key)) return "duplicate";
        seen.set(key, true);
        if (seen.size > remember) seen.delete(seen.keys().next().value as string);
      }
      const queue = queueOf(system);
      queue.add(event.ticketId);
      if (queue.size > maxQueued) {
        const oldest = queue.values().next().value as string;
        queue.delete(oldest);
        options.onDrop?.(system, oldest);
      }
      return "accepted";
    },
    take(system, max) {
      const queue = queueOf(system);
      const taken: string[] = [];
      for (const id of queue) {
        if (taken.length >= max) break;
        taken.push(id);
      }
      for (const id of taken) queue.delete(id);
      return taken;
    },
    size(system) {
      if (system !== undefined) return queues.get(system)?.size ?? 0;
      let total = 0;
      for (const queue of queues.values()) total += queue.size;
      return total;
    },
  };
}
