/**
 * @module contracts/pipe-context
 * What a pipe sees of the run so far. Immutable: each step gets a new context, as in OTAI.
 */
import type { PipeResult } from "./pipe-result.ts";
import type { UnifiedTicket } from "./ticket.ts";

export interface PipeContext {
  /** Results of the steps run so far in this scope, by step id. */
  readonly pipe_results: Readonly<Record<string, PipeResult>>;
  readonly params: Readonly<Record<string, unknown>>;
  /** The enclosing composite's rendered params (what `get_parent_param` reads). */
  readonly parent_params: Readonly<Record<string, unknown>> | null;
  /** The ticket being processed, inside a per-ticket sub-pipeline. */
  readonly ticket?: UnifiedTicket;
  /** Inside a per-ticket sub-pipeline: the ledger key and version the ticket is processed at. */
  readonly ticket_ledger?: TicketLedgerRef;
}

/** Plain data, so templates may read it. */
export interface TicketLedgerRef {
  readonly system: string;
  readonly ticketId: string;
  readonly pipeline: string;
  readonly version: string | null;
}

export function emptyContext(): PipeContext {
  return { pipe_results: {}, params: {}, parent_params: null };
}

export function withPipeResult(context: PipeContext, id: string, result: PipeResult): PipeContext {
  return { ...context, pipe_results: { ...context.pipe_results, [id]: result } };
}

export function withParent(context: PipeContext, parentParams: Record<string, unknown>): PipeContext {
  return { ...context, parent_params: parentParams };
}
