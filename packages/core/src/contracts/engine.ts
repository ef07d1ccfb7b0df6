/**
 * @module contracts/engine
 * What the engine hands every pipe beside its params: the run mode, the state store, an observer for
 * metrics, the on-demand ticket list and the webhook inbox. Pipes that write to a help desk must honour
 * `mode`; pipes that process tickets one by one use the store for exactly-once bookkeeping.
 */
import type { StateStore } from "../state/types.ts";
import type { TicketUpdate } from "./ticket.ts";
import type { TicketEvent } from "./ticket-system.ts";

/**
 * - `dry_run`: nothing is written and nothing is recorded; the changes that would be made are printed.
 * - `shadow`: decisions are recorded in the store, nothing is written to the help desk.
 * - `suggest`: only internal notes are written, listing what would have been changed.
 * - `live`: changes and notes are written.
 */
export type EngineMode = "dry_run" | "shadow" | "suggest" | "live";
export const ENGINE_MODES: readonly EngineMode[] = ["dry_run", "shadow", "suggest", "live"];

/** Per-ticket outcomes, as counted in `otai_tickets_total{outcome}` (the same list as `TICKET_OUTCOMES`). */
export type TicketOutcome = "processed" | "unchanged" | "failed" | "dead_letter" | "conflict" | "deferred";

/** Engine events for metrics; each method must be cheap and must never throw. */
export interface EngineObserver {
  ticket(outcome: TicketOutcome): void;
  decision(field: string, outcome: string, confidence: number | null): void;
  pipelineSeconds(pipeline: string, seconds: number): void;
  modelSeconds(model: string, seconds: number): void;
  deadLetter(system: string): void;
  webhook(system: string, result: "accepted" | "duplicate" | "rejected"): void;
  /** Ticket ids waiting in the webhook inbox, after each push and take. */
  inboxDepth(depth: number): void;
}

/** A change dry-run would have made, for the CLI to print. */
export interface PlannedChange {
  system: string;
  ticketId: string;
  changes: TicketUpdate;
  note: string | null;
}

/** Ticket ids pushed by help-desk webhooks, waiting for the pipeline, per ticket-system service id. */
export interface TicketInbox {
  /** `duplicate` when the same event id was seen recently. */
  push(system: string, event: TicketEvent): "accepted" | "duplicate";
  /** Takes up to `max` queued ticket ids of `system`, oldest first. */
  take(system: string, max: number): string[];
  size(system?: string): number;
}

export interface EngineHandle {
  readonly mode: EngineMode;
  readonly store: StateStore;
  readonly observer: EngineObserver;
  /** `otai run --ticket ID`: only these tickets are processed, read by id, even if processed before. */
  readonly onlyTickets: readonly string[] | undefined;
  readonly inbox: TicketInbox;
  /** Dry-run's output. */
  plan(change: PlannedChange): void;
}

/** An observer that counts nothing, for engines without metrics. */
export const NULL_OBSERVER: EngineObserver = {
  ticket() {},
  decision() {},
  pipelineSeconds() {},
  modelSeconds() {},
  deadLetter() {},
  webhook() {},
  inboxDepth() {},
};
