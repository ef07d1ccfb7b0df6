/**
 * @module ticket-systems/in-memory
 * A help desk held in memory: for tests, demos and dry runs. It behaves exactly like the JSONL system
 * (both are built on `_stored-ticket-system.ts`) and records every call, so tests can check what a pipe asked for.
 */

import type {
  TicketSearchCriteria,
  TicketUpdate,
  UnifiedNote,
  UnifiedNoteInput,
  UnifiedTicket,
} from "../contracts/ticket.ts";
import type { NoteOptions, TicketSystem, UpdateOptions } from "../contracts/ticket-system.ts";
import {
  assertUniqueIds,
  createStoredTicketSystem,
  type HelpDeskConfig,
  parseTicket,
  type StoredTicket,
  type TicketStore,
  type UnifiedTicketInput,
} from "./_stored-ticket-system.ts";

export type { HelpDeskConfig, UnifiedTicketInput } from "./_stored-ticket-system.ts";

/** One call made on an in-memory system, with copies of its arguments. */
export type TicketSystemCall =
  | { method: "find"; criteria: TicketSearchCriteria }
  | { method: "get"; id: string }
  | { method: "update"; id: string; changes: TicketUpdate; options?: UpdateOptions }
  | { method: "addNote"; id: string; note: UnifiedNoteInput | UnifiedNote; options?: NoteOptions }
  | { method: "options" };

export interface InMemoryTicketSystem extends TicketSystem {
  /** Copies of every ticket, in order. */
  all(): UnifiedTicket[];
  /** Every call so far, oldest first, including ones that failed or found nothing. */
  readonly calls: readonly TicketSystemCall[];
  /** How many updates and notes changed a ticket. */
  readonly writes: number;
}

/**
 * Creates an in-memory help desk seeded with `tickets` (parsed and copied; the array is not kept).
 * Throws OTAI_TICKET_INVALID for a seed that does not parse or repeats an id.
 *
 * @example
 * const system = createInMemoryTicketSystem([{ id: "1", subject: "Printer", queue: { name: "IT" } }], {
 *   queues: [{ name: "IT" }, { name: "Billing" }],
 * });
 * await system.update("1", { queue: { name: "Billing" } }); // true
 * system.writes; // 1
 */
export function createInMemoryTicketSystem(
  tickets: readonly UnifiedTicketInput[] = [],
  options: HelpDeskConfig = {},
): InMemoryTicketSystem {
  const entries: StoredTicket[] = tickets.map((seed, index) => {
    const ticket = parseTicket(structuredClone(seed), `seed ticket ${index + 1}`);
    return { record: ticket, ticket };
  });
  assertUniqueIds(entries.map((entry, index) => ({ id: entry.ticket.id, where: `seed ticket ${index + 1}` })));

  const calls: TicketSystemCall[] = [];
  let writes = 0;
  const store: TicketStore = {
    // The shared layer copies tickets before handing them out, so the live array is safe to return.
    list: async () => entries,
    async replace(id, next) {
      const index = entries.findIndex((entry) => entry.ticket.id === id);
      const current = entries[index];
      if (current === undefined) return false;
      entries[index] = next(current);
      writes += 1;
      return true;
    },
  };
  const system = createStoredTicketSystem(store, options);

  return {
    find(criteria) {
      calls.push({ method: "find", criteria: structuredClone(criteria) });
      return system.find(criteria);
    },
    get(id) {
      calls.push({ method: "get", id });
      return system.get(id);
    },
    update(id, changes, updateOptions) {
      calls.push({ method: "update", id, changes: structuredClone(changes), ...withOptions(updateOptions) });
      return system.update(id, changes, updateOptions);
    },
    addNote(id, note, noteOptions) {
      calls.push({ method: "addNote", id, note: structuredClone(note), ...withOptions(noteOptions) });
      return system.addNote(id, note, noteOptions);
    },
    options() {
      calls.push({ method: "options" });
      return system.options();
    },
    all: () => entries.map((entry) => structuredClone(entry.ticket)),
    calls,
    get writes() {
      return writes;
    },
  };
}

// exactOptionalPropertyTypes: an absent option must stay absent in the log, not become `undefined`.
function withOptions<T extends object>(options: T | undefined): { options?: T } {
  return options === undefined ? {} : { options: structuredClone(options) };
}
