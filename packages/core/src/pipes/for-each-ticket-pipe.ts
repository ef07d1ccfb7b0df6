/**
 * @module pipes/for-each-ticket-pipe
 * `base:ForEachTicketPipe`: runs `steps` once per ticket, `concurrency` tickets at a time. Each ticket's
 * steps see it as `ticket` and have their own results, and a ticket that fails never stops the others.
 *
 * The ledger makes the loop safe to repeat: a ticket already processed at its current version is not
 * processed again; one that failed waits out a growing backoff and goes to the dead letter after
 * `max_attempts`; and a write that may have landed before a crash (an open intent) is checked on the
 * help desk before anything is written again.
 */
import { z } from "zod";
import { DurationSchema } from "../config/duration.ts";
import { definePipe, type PipeRun } from "../contracts/component.ts";
import { type PipeContext, type TicketLedgerRef, withParent } from "../contracts/pipe-context.ts";
import { hasFailed, type PipeResult, success, unionResults } from "../contracts/pipe-result.ts";
import { type UnifiedTicket, UnifiedTicketSchema } from "../contracts/ticket.ts";
import type { TicketSystem } from "../contracts/ticket-system.ts";
import { errorMessage } from "../errors.ts";
import { pipelineHash } from "../state/pipeline-hash.ts";
import type { LedgerKey } from "../state/types.ts";
import { runSteps } from "./_run-steps.ts";
import { carriesDecision } from "./_ticket-markers.ts";

const DeadLetterSchema = z
  .object({
    /** `record` only marks it in the store; `tag` also tags the ticket; `move` also moves it to `queue`. */
    action: z.enum(["record", "tag", "move"]).default("record"),
    tag: z.string().min(1).default("otai-dead-letter"),
    queue: z.string().min(1).optional(),
  })
  .strict()
  .refine((d) => d.action !== "move" || d.queue !== undefined, { message: "dead_letter.action 'move' needs a queue" });

const Params = z
  .object({
    /** The tickets, usually `{{ get_pipe_result('fetch', 'fetched_tickets') }}`. */
    tickets: z.array(z.unknown()).nullable().default([]),
    concurrency: z.number().int().min(1).max(64).default(4),
    steps: z.array(z.unknown()).nullable().default([]),
    max_attempts: z.number().int().min(1).default(5),
    retry_backoff: DurationSchema.default(60_000),
    max_backoff: DurationSchema.default(3_600_000),
    dead_letter: DeadLetterSchema.default({ action: "record", tag: "otai-dead-letter" }),
    /** Process even tickets the ledger says are done (what `otai run --ticket` does). */
    force: z.boolean().default(false),
  })
  .strict();
type Params = z.infer<typeof Params>;
type Run = PipeRun<Params, { ticket_system: "ticket-system" }>;

/** A conflict (the ticket changed under us) is retried this often with a fresh read before it counts as a failure. */
const CONFLICT_RETRIES = 2;

export const ForEachTicketPipe = definePipe({
  kind: "pipe",
  name: "ForEachTicketPipe",
  description: "Runs steps for each ticket with a concurrency limit, exactly once per ticket version.",
  params: Params,
  children: { steps: "many" },
  injects: { ticket_system: "ticket-system" },
  async process(run) {
    const { params, services, engine, signal, logger } = run;
    const system = services.ticket_system;
    const systemId = run.serviceIds.ticket_system ?? "ticket_system";
    // The mode is part of the key: tickets decided in shadow mode are still to be written when the
    // same pipeline goes live.
    const pipeline = pipelineHash({ steps: params.steps ?? [], mode: engine.mode });
    const keyOf = (ticketId: string): LedgerKey => ({ system: systemId, ticketId, pipeline });

    // Writes that may have landed just before a crash: settle them before anything else.
    const recovered = await recoverOpenIntents(run, system, systemId, pipeline);

    let tickets: UnifiedTicket[];
    if (engine.onlyTickets !== undefined) {
      tickets = await readTickets(system, engine.onlyTickets, logger);
    } else {
      tickets = (params.tickets ?? []).flatMap((raw, index) => {
        const parsed = UnifiedTicketSchema.safeParse(raw);
        if (parsed.success) return [parsed.data];
        // Not silently: a fetch that returns something unusable is an error worth seeing.
        logger.error({ index }, "item is not a ticket; skipped");
        engine.observer.ticket("failed");
        return [];
      });
    }
    const force = params.force || engine.onlyTickets !== undefined;
    const outcomes: Record<string, string> = {};
    const results: PipeResult[] = [];

    const one = async (ticket: UnifiedTicket) => {
      const started = performance.now();
      const outcome = await processTicket(run, system, keyOf(ticket.id), ticket, force);
      outcomes[ticket.id] = outcome.kind;
      engine.observer.ticket(outcome.kind);
      if (outcome.kind === "processed" || outcome.kind === "failed" || outcome.kind === "dead_letter")
        engine.observer.pipelineSeconds(run.id, (performance.now() - started) / 1000);
      if (outcome.result) results.push(outcome.result);
    };

    // A fixed pool of workers over a shared cursor: at most `concurrency` tickets in flight, and on
    // shutdown no new ticket starts while the ones in flight finish.
    let next = 0;
    const worker = async () => {
      while (next < tickets.length && !signal.aborted) {
        const ticket = tickets[next++];
        if (ticket) await one(ticket);
      }
    };
    await Promise.all(Array.from({ length: Math.min(params.concurrency, tickets.length) }, worker));

    const counts: Record<string, number> = {};
    for (const kind of Object.values(outcomes)) counts[kind] = (counts[kind] ?? 0) + 1;
    logger.info({ tickets: tickets.length, recovered, ...counts }, "tickets processed");
    const merged = unionResults(results.filter((r) => !hasFailed(r)));
    return success({ ...merged.data, outcomes, counts, recovered });
  },
});

type Outcome = {
  kind: "processed" | "unchanged" | "failed" | "dead_letter" | "conflict" | "deferred";
  result?: PipeResult;
};

async function processTicket(
  run: Run,
  system: TicketSystem,
  key: LedgerKey,
  first: UnifiedTicket,
  force: boolean,
): Promise<Outcome> {
  const { engine, logger } = run;
  const store = engine.store;
  const log = logger.child({ ticket_id: key.ticketId });
  let ticket = first;
  try {
    const entry = await store.get(key);
    if (!force) {
      if (entry?.status !== "pending" && (await store.isProcessed(key, ticket.updated_at ?? null)))
        return { kind: "unchanged" };
      if (entry?.status !== "pending" && !(await store.isDue(key))) return { kind: "deferred" };
    }
    // An intent whose write may have landed: open after a crash, or kept after a write that timed out.
    if (entry && entry.status !== "done" && entry.decisionId && entry.changes !== null) {
      const fresh = (await system.get(key.ticketId)) ?? ticket;
      if (await settleIfLanded(run, key, fresh, entry.decisionId, entry.changes)) return { kind: "processed" };
      ticket = fresh;
    }
    for (let attempt = 0; ; attempt++) {
      const result = await runTicketSteps(run, ticket, key);
      if (!hasFailed(result)) {
        const after = await store.get(key);
        // Steps that decided there was nothing to write still count as done at this version.
        if (after?.status !== "done" || after.decidedVersion !== (ticket.updated_at ?? null)) {
          if (engine.mode !== "dry_run") await store.markDone(key, ticket.updated_at ?? null);
        }
        return { kind: "processed", result };
      }
      const code = result.data.error_code;
      const open = await store.get(key);
      if (code === "OTAI_HELPDESK_CONFLICT" && attempt < CONFLICT_RETRIES) {
        // A retried write whose first try landed also ends here: check before deciding again.
        const fresh = await system.get(key.ticketId);
        if (!fresh) break;
        if (open && open.status !== "done" && open.decisionId && open.changes !== null) {
          if (await settleIfLanded(run, key, fresh, open.decisionId, open.changes)) return { kind: "processed" };
        }
        // Another writer may have processed this very version meanwhile.
        if (await store.isProcessed(key, fresh.updated_at ?? null)) return { kind: "unchanged" };
        log.info({ attempt: attempt + 1 }, "ticket changed while it was processed; deciding again on a fresh read");
        ticket = fresh;
        continue;
      }
      return await failed(run, system, key, ticket, result.message);
    }
    return await failed(run, system, key, ticket, "ticket disappeared during a conflict retry");
  } catch (error) {
    // A failure inside `failed` itself (the store is down) propagates: the cycle fails loudly.
    return await failed(run, system, key, ticket, errorMessage(error));
  }
}

async function runTicketSteps(run: Run, ticket: UnifiedTicket, key: LedgerKey): Promise<PipeResult> {
  const { params, context, runChild } = run;
  const { steps, tickets: _tickets, ...own } = params;
  const ledger: TicketLedgerRef = { ...key, version: ticket.updated_at ?? null };
  const scope: PipeContext = { ...withParent(context, own), pipe_results: {}, ticket, ticket_ledger: ledger };
  const { results, failed } = await runSteps(steps ?? [], scope, runChild);
  // The failing step's error code decides what happens next (a conflict is retried).
  if (failed) return { ...failed.result, data: { ...failed.result.data, failed_step: failed.id } };
  return unionResults(results);
}

/** When the write of an open intent is on the ticket, completes the intent and returns true. */
async function settleIfLanded(
  run: Run,
  key: LedgerKey,
  ticket: UnifiedTicket,
  decisionId: string,
  planned: unknown,
): Promise<boolean> {
  if (!carriesDecision(ticket, decisionId)) return false;
  const store = run.engine.store;
  await store.completeIntent(key, { decisionId, writtenVersion: ticket.updated_at ?? null });
  const records = (planned as { records?: unknown } | null)?.records;
  if (Array.isArray(records) && records.length > 0) {
    await store.appendDecisions(records as Parameters<typeof store.appendDecisions>[0]);
    for (const r of records as { field: string; outcome: string; confidence: number | null }[])
      run.engine.observer.decision(r.field, r.outcome, r.confidence);
  }
  run.logger.info({ ticket_id: key.ticketId, decision: decisionId }, "write from before a restart had landed");
  return true;
}

async function failed(
  run: Run,
  system: TicketSystem,
  key: LedgerKey,
  ticket: UnifiedTicket,
  error: string,
): Promise<Outcome> {
  const { engine, params, logger } = run;
  if (engine.mode === "dry_run") return { kind: "failed" };
  const outcome = await engine.store.recordFailure(key, {
    version: ticket.updated_at ?? null,
    error,
    maxAttempts: params.max_attempts,
    backoffMs: { base: params.retry_backoff, max: params.max_backoff },
  });
  const log = logger.child({ ticket_id: key.ticketId });
  if (!outcome.dead) {
    log.warn({ attempts: outcome.attempts, retry_at: outcome.nextAttemptAt }, "ticket failed; it will be retried");
    return { kind: "failed" };
  }
  log.error({ attempts: outcome.attempts, action: params.dead_letter.action }, "ticket moved to the dead letter");
  engine.observer.deadLetter(key.system);
  if (engine.mode === "live" && params.dead_letter.action !== "record") {
    try {
      const changes =
        params.dead_letter.action === "tag"
          ? { add_tags: [params.dead_letter.tag] }
          : { queue: { name: params.dead_letter.queue ?? "" }, add_tags: [params.dead_letter.tag] };
      await system.update(key.ticketId, changes);
    } catch (e) {
      // The ledger already holds it as dead; a failed marking must not bring it back.
      log.error({ err: errorMessage(e) }, "could not mark the dead-letter ticket on the help desk");
    }
  }
  return { kind: "dead_letter" };
}

async function recoverOpenIntents(run: Run, system: TicketSystem, systemId: string, pipeline: string): Promise<number> {
  const open = await run.engine.store.openIntents({ system: systemId, pipeline });
  let settled = 0;
  for (const entry of open) {
    if (run.signal.aborted || !entry.decisionId) continue;
    const key = { system: systemId, ticketId: entry.ticketId, pipeline };
    try {
      const ticket = await system.get(entry.ticketId);
      if (ticket && (await settleIfLanded(run, key, ticket, entry.decisionId, entry.changes))) settled++;
      // Not landed: the ticket is processed afresh when it is fetched again; if it no longer matches the
      // fetch it is processed now, so an intent is never left open forever.
      else if (ticket) {
        await processTicket(run, system, key, ticket, true);
      }
    } catch (error) {
      run.logger.warn(
        { ticket_id: entry.ticketId, err: errorMessage(error) },
        "could not check an open intent; will retry",
      );
    }
  }
  return settled;
}

async function readTickets(
  system: TicketSystem,
  ids: readonly string[],
  logger: Run["logger"],
): Promise<UnifiedTicket[]> {
  const found: UnifiedTicket[] = [];
  for (const id of ids) {
    const ticket = await system.get(id);
    if (ticket) found.push(ticket);
    else logger.error({ ticket_id: id }, "ticket not found");
  }
  return found;
}
