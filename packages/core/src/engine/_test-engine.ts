/**
 * An engine handle for unit tests of single pipes: an in-memory store, no metrics, live mode.
 */
import { type EngineHandle, type EngineMode, NULL_OBSERVER, type PlannedChange } from "../contracts/engine.ts";
import { createSqliteStateStore } from "../state/sqlite-store.ts";
import { createTicketInbox } from "./inbox.ts";

export function testEngine(options: { mode?: EngineMode; plans?: PlannedChange[] } = {}): EngineHandle {
  return {
    mode: options.mode ?? "live",
    store: createSqliteStateStore({ path: ":memory:" }),
    observer: NULL_OBSERVER,
    onlyTickets: undefined,
    inbox: createTicketInbox(),
    plan: (change) => options.plans?.push(change),
  };
}
