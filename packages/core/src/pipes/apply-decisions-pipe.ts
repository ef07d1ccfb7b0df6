/**
 * @module pipes/apply-decisions-pipe
 * `base:ApplyDecisionsPipe`: writes a decided plan (from `base:DecidePipe`) to the help desk, as the
 * engine's mode allows, and records every decision in the store's append-only log.
 *
 * Exactly once across crashes: the intent is stored before the write; the write carries the decision id
 * (a marker tag, and a line in the note) and the ticket version it was decided on, so a stale write fails
 * as a conflict; the intent is completed after. A crash in between leaves an open intent, which the
 * per-ticket loop settles by reading the ticket back before it writes anything again.
 */
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
import type { EngineMode } from "../contracts/engine.ts";
import type { PipeContext } from "../contracts/pipe-context.ts";
import { failure, success } from "../contracts/pipe-result.ts";
import { type TicketUpdate, TicketUpdateSchema } from "../contracts/ticket.ts";
import type { UpdateReceipt } from "../contracts/ticket-system.ts";
import { isOtaiError, OtaiError } from "../errors.ts";
import { markerTag, newDecisionId } from "../state/decision-id.ts";
import type { DecisionRecord } from "../state/types.ts";
import { TicketIdSchema } from "./_ticket-id.ts";
import { decisionLine } from "./_ticket-markers.ts";

const OUTCOMES = ["applied", "flagged", "suggested", "fallback", "skipped", "failed"] as const;

const PlannedDecisionSchema = z
  .object({
    field: z.string(),
    predicted: z.string().nullable(),
    value: z.string().nullable(),
    confidence: z.number().nullable(),
    threshold: z.number().nullable(),
    outcome: z.enum(OUTCOMES),
    reason: z.string(),
  })
  .loose();

const PlanSchema = z
  .object({
    decisions: z.array(PlannedDecisionSchema).default([]),
    changes: TicketUpdateSchema.default({}),
    note: z.string().nullable().default(null),
  })
  .loose();

const ModelSchema = z.object({ id: z.string(), version: z.string().optional() }).loose();

const Params = z
  .object({
    /** The plan; by default the result of the step named by `from`. */
    plan: PlanSchema.optional(),
    /** The id of the `base:DecidePipe` step whose result is the plan. */
    from: z.string().min(1).default("decide"),
    /** Defaults to the ticket of the per-ticket loop. */
    ticket_id: TicketIdSchema.optional(),
    /** Which model made the predictions; defaults to the first `data.model` among earlier results. */
    model: ModelSchema.nullable().optional(),
  })
  .strict();

type Plan = z.infer<typeof PlanSchema>;

export const ApplyDecisionsPipe = definePipe({
  kind: "pipe",
  name: "ApplyDecisionsPipe",
  description: "Writes a decided plan as the mode allows (dry_run, shadow, suggest, live) and logs every decision.",
  params: Params,
  injects: { ticket_system: "ticket-system" },
  async process({ params, context, services, engine, logger, serviceIds }) {
    const ticketId = params.ticket_id ?? context.ticket?.id;
    if (ticketId === undefined)
      throw new OtaiError("OTAI_TICKET_INVALID", "no ticket_id, and not inside a per-ticket loop");
    const system = serviceIds.ticket_system ?? "ticket_system";
    const ledger = context.ticket_ledger;
    const key = ledger ? { system: ledger.system, ticketId: ledger.ticketId, pipeline: ledger.pipeline } : undefined;
    const version = ledger?.version ?? context.ticket?.updated_at ?? null;
    const mode = engine.mode;
    const decisionId = newDecisionId();
    const model: ModelRef | undefined = params.model ?? modelFrom(context);
    const plan = params.plan ?? planFrom(context, params.from);
    const records = toRecords(plan, { decisionId, system, ticketId, version, mode, model });
    const log = logger.child({ ticket_id: ticketId, decision: decisionId });

    const write =
      mode === "live" ? liveWrite(plan, decisionId) : mode === "suggest" ? suggestWrite(plan, decisionId) : null;

    if (mode === "dry_run") {
      // Exactly what live mode would send: the changes with the marker tag, and the note.
      const wouldWrite = liveWrite(plan, decisionId);
      if (wouldWrite !== null) {
        const { notes, ...changes } = wouldWrite;
        engine.plan({ system, ticketId, changes, note: notes?.[0]?.body ?? null });
      }
      log.info({ fields: Object.keys(plan.changes) }, "dry run: would change the ticket");
      return success({ decision_id: decisionId, written: false, changes: plan.changes, mode });
    }
    const count = () => {
      for (const r of records) engine.observer.decision(r.field, r.outcome, r.confidence);
    };
    if (write === null) {
      // Shadow, or nothing to write: the decisions are the whole result.
      await engine.store.appendDecisions(records);
      if (key) await engine.store.markDone(key, version);
      count();
      log.info(
        { mode, decisions: records.length },
        mode === "shadow" ? "shadow: decisions recorded" : "nothing to write",
      );
      return success({ decision_id: decisionId, written: false, changes: {}, mode });
    }
    if (key) await engine.store.beginIntent(key, { decisionId, version, changes: { changes: write, records } });
    const receipt: UpdateReceipt = {};
    try {
      const ok = await services.ticket_system.update(ticketId, write, {
        ...(version !== null && mode === "live" ? { expectedVersion: version } : {}),
        receipt,
      });
      if (!ok) throw new OtaiError("OTAI_TICKET_NOT_FOUND", `ticket '${ticketId}' does not exist`);
    } catch (error) {
      // The audit shows the attempt; the per-ticket loop decides whether it is retried.
      const reason = `write failed: ${(error as Error).message}`;
      const failedRecords = records.map((r) => ({ ...r, outcome: "failed" as const, reason }));
      await engine.store.appendDecisions(failedRecords);
      for (const r of failedRecords) engine.observer.decision(r.field, r.outcome, r.confidence);
      // A conflict is not an error of the run: the per-ticket loop reads the ticket again and decides anew.
      if (isOtaiError(error, "OTAI_HELPDESK_CONFLICT") && key)
        return failure(`${error.code}: ${error.message}`, { error_code: error.code });
      throw error;
    }
    if (key) await engine.store.completeIntent(key, { decisionId, writtenVersion: receipt.version ?? null });
    await engine.store.appendDecisions(records);
    count();
    log.info({ mode, fields: Object.keys(write) }, mode === "live" ? "ticket updated" : "suggestion note added");
    return success({ decision_id: decisionId, written: true, changes: write, mode });
  },
});

/** Live: the planned changes, the marker tag, and the note (when there is one) in one write. */
function liveWrite(plan: Plan, decisionId: string): TicketUpdate | null {
  const changes = plan.changes;
  const hasChanges = Object.values(changes).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0));
  if (!hasChanges && plan.note === null) return null;
  return {
    ...changes,
    add_tags: [...new Set([...(changes.add_tags ?? []), markerTag(decisionId)])],
    ...(plan.note !== null ? { notes: [noteOf(plan.note, decisionId)] } : {}),
  };
}

/** Suggest: only an internal note, saying what would have been changed. */
function suggestWrite(plan: Plan, decisionId: string): TicketUpdate | null {
  const lines = plan.decisions
    .filter(
      (d) => d.value !== null && (d.outcome === "applied" || d.outcome === "flagged" || d.outcome === "suggested"),
    )
    .map((d) => `${d.field}: ${d.value}${d.confidence === null ? "" : ` (confidence ${d.confidence.toFixed(2)})`}`);
  if (lines.length === 0) return null;
  const body = ["Open Ticket AI suggests:", ...lines.map((l) => `- ${l}`)].join("\n");
  return { notes: [noteOf(body, decisionId)] };
}

function noteOf(body: string, decisionId: string) {
  return {
    subject: "Open Ticket AI",
    body: `${body}\n\n${decisionLine(decisionId)}`,
    content_type: "text/plain",
    internal: true,
  };
}

function planFrom(context: PipeContext, stepId: string): Plan {
  const result = context.pipe_results[stepId];
  if (!result)
    throw new OtaiError("OTAI_CONFIG_INVALID", `no plan given and no earlier step '${stepId}' to take it from`);
  const parsed = PlanSchema.safeParse(result.data);
  if (!parsed.success)
    throw new OtaiError(
      "OTAI_PIPE_FAILED",
      `step '${stepId}' did not produce a decision plan: ${parsed.error.message}`,
    );
  return parsed.data;
}

interface ModelRef {
  id: string;
  version?: string | undefined;
}

function modelFrom(context: PipeContext): ModelRef | undefined {
  for (const result of Object.values(context.pipe_results)) {
    const parsed = ModelSchema.safeParse(result.data.model);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

function toRecords(
  plan: Plan,
  meta: {
    decisionId: string;
    system: string;
    ticketId: string;
    version: string | null;
    mode: EngineMode;
    model: ModelRef | undefined;
  },
): DecisionRecord[] {
  const at = new Date().toISOString();
  return plan.decisions.map((d) => ({
    decisionId: meta.decisionId,
    system: meta.system,
    ticketId: meta.ticketId,
    ticketVersion: meta.version,
    field: d.field,
    predicted: d.predicted,
    value: d.value,
    confidence: d.confidence,
    threshold: d.threshold,
    // In suggest mode nothing but the note is written, so nothing was applied.
    outcome: meta.mode === "suggest" && (d.outcome === "applied" || d.outcome === "flagged") ? "suggested" : d.outcome,
    reason: d.reason,
    model: meta.model?.id ?? null,
    modelVersion: meta.model?.version ?? null,
    mode: meta.mode,
    at,
  }));
}
