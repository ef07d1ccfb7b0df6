/**
 * Engine handles and pipe runs for unit tests of single pipes: an in-memory store, no metrics, live mode.
 */
import type { PipeRun, ServiceKind } from "../contracts/component.ts";
import { type EngineHandle, type EngineMode, NULL_OBSERVER, type PlannedChange } from "../contracts/engine.ts";
import { emptyContext } from "../contracts/pipe-context.ts";
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

const silent = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silent,
} as unknown as PipeRun<unknown>["logger"];

/** A pipe run for calling one pipe's `process` directly, with `overrides` for what the test controls. */
export function testPipeRun<P>(params: P, overrides: Partial<PipeRun<P>> = {}): PipeRun<P, Record<never, ServiceKind>> {
  return {
    id: "test",
    params,
    context: emptyContext(),
    services: {},
    logger: silent,
    signal: new AbortController().signal,
    state: new Map(),
    once: false,
    engine: testEngine(),
    serviceIds: {},
    runChild: async () => {
      throw new Error("this pipe has no children in this test");
    },
    ...overrides,
  };
}
