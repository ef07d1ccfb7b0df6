/**
 * @module policy/decide-pipe
 * `DecidePipe`: applies the decision policy to one ticket's predictions, checking every value against
 * the help desk's live options. It writes nothing itself: `data.changes` and `data.note` are for the
 * steps (or the engine) that write, and `data.decisions` is the audit record.
 */
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
import { success } from "../contracts/pipe-result.ts";
import { UnifiedTicketSchema } from "../contracts/ticket.ts";
import { OtaiError } from "../errors.ts";
import { decideTicket } from "./decide.ts";
import type { Outcome, Predictions } from "./decision.ts";
import { cachedOptions } from "./options-cache.ts";
import { PolicySchema } from "./schema.ts";

/**
 * Decides what to write for a ticket from its predictions.
 *
 * `data`: `decisions` (one record per field, per predicted tag), `changes` (a TicketUpdate with only
 * real changes), `note` (the internal note text or null), `ticket_id`, and `ticket_version` (the
 * ticket's `updated_at`, for a write that refuses stale tickets).
 *
 * @example
 * ```yaml
 * - id: decide
 *   use: base:DecidePipe
 *   injects: { ticket_system: helpdesk }
 *   params:
 *     ticket: "{{ get_pipe_result('ticket') }}"
 *     predictions:
 *       queue:
 *         label: "{{ get_pipe_result('queue_cls', 'label') }}"
 *         confidence: "{{ get_pipe_result('queue_cls', 'confidence') }}"
 *     policy:
 *       fields:
 *         queue:
 *           bands:
 *             - { min: 0.92, action: apply }
 *             - { min: 0.75, action: apply_and_flag }
 *             - { min: 0.5, action: suggest }
 *           fallback: Unclassified
 *           mapping: { "Billing*": "Billing and Payments", "*": "$label" }
 * - id: update
 *   use: base:UpdateTicketPipe
 *   injects: { ticket_system: helpdesk }
 *   params:
 *     ticket_id: "{{ get_pipe_result('decide', 'ticket_id') }}"
 *     updated_ticket: "{{ get_pipe_result('decide', 'changes') }}"
 * ```
 */
export const DecidePipe = definePipe({
  kind: "pipe",
  name: "DecidePipe",
  description:
    "Applies the decision policy (thresholds, bands, fallback, label mapping) to predictions; data.decisions, data.changes, data.note.",
  params: z
    .object({
      /** Defaults to the ticket being processed, inside a per-ticket pipeline. */
      ticket: UnifiedTicketSchema.optional(),
      predictions: z.record(z.string(), z.unknown()).default({}),
      policy: PolicySchema,
    })
    .strict(),
  injects: { ticket_system: "ticket-system" },
  async process({ params, services, state, logger, context }) {
    const ticket = params.ticket ?? context.ticket;
    if (!ticket) {
      throw new OtaiError(
        "OTAI_TICKET_INVALID",
        "DecidePipe has no ticket: pass `ticket`, or run it inside a per-ticket pipeline",
      );
    }
    const options = await cachedOptions(state, services.ticket_system);
    const plan = decideTicket({
      ticket,
      // Each field's prediction is checked by the policy, so garbage becomes a `failed` decision, not a throw.
      predictions: params.predictions as Predictions,
      policy: params.policy,
      options,
    });
    const counts: Partial<Record<Outcome, number>> = {};
    for (const decision of plan.decisions) {
      counts[decision.outcome] = (counts[decision.outcome] ?? 0) + 1;
      if (decision.outcome === "failed") {
        logger.warn({ ticket_id: ticket.id, field: decision.field, reason: decision.reason }, "decision failed");
      }
    }
    logger.info({ ticket_id: ticket.id, outcomes: counts, fields: Object.keys(plan.changes) }, "ticket decided");
    logger.debug({ ticket_id: ticket.id, decisions: plan.decisions }, "decisions");
    return success({
      decisions: plan.decisions,
      changes: plan.changes,
      note: plan.note,
      ticket_id: ticket.id,
      ticket_version: ticket.updated_at ?? null,
    });
  },
});
