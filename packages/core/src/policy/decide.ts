/**
 * @module policy/decide
 * Turns a ticket's predictions into a plan: one decision per configured field (one per predicted tag),
 * the update that carries only real changes, and the internal note. Pure: no I/O, no templates, and
 * ticket text never reaches the note.
 */
import type { TicketUpdate, UnifiedTicket } from "../contracts/ticket.ts";
import type { HelpDeskOptions } from "../contracts/ticket-system.ts";
import { decideField, type FieldResult, predictionProblem } from "./decide-field.ts";
import type { FieldPrediction, Predictions, TicketPlan } from "./decision.ts";
import { buildNote } from "./note.ts";
import type { FieldPolicy, Policy, TagsPolicy } from "./schema.ts";
import { builtInTarget, customFieldTarget, type Target, tagsTarget } from "./targets.ts";

export type { FieldPrediction, Outcome, PlannedDecision, Predictions, TicketPlan } from "./decision.ts";
export { matchMapping } from "./mapping.ts";
export type { Action } from "./schema.ts";

export interface DecideInput {
  ticket: UnifiedTicket;
  predictions: Predictions;
  policy: Policy;
  options: HelpDeskOptions;
}

interface Planned {
  target: Target;
  result: FieldResult;
}

function decideTags(
  ticket: UnifiedTicket,
  predicted: unknown,
  policy: TagsPolicy,
  options: HelpDeskOptions,
): Planned[] {
  const target = tagsTarget(ticket, options, policy.allow_new);
  const list = predicted === undefined || predicted === null ? [] : Array.isArray(predicted) ? predicted : [predicted];
  // An empty list is recorded like a missing prediction, so every configured field leaves a record.
  if (list.length === 0) return [{ target, result: decideField(target, policy, undefined) }];
  // Valid predictions best first, so `max` keeps the tags the model is surest of; broken ones after.
  const valid = list.filter((p) => predictionProblem(p) === undefined);
  const broken = list.filter((p) => predictionProblem(p) !== undefined);
  valid.sort((a, b) => (b as FieldPrediction).confidence - (a as FieldPrediction).confidence);
  const planned = new Set<string>();
  return [...valid, ...broken].map((prediction): Planned => {
    const result = decideField(target, policy, prediction);
    const { decision } = result;
    const writes = decision.outcome === "applied" || decision.outcome === "flagged";
    if (writes && decision.value !== null && planned.has(decision.value)) {
      return {
        target,
        result: { decision: { ...decision, outcome: "skipped", reason: "already planned by a surer label" } },
      };
    }
    if (writes && policy.max !== null && planned.size >= policy.max) {
      const reason = `${decision.reason}; over the maximum of ${policy.max} tags`;
      return { target, result: { decision: { ...decision, outcome: "skipped", reason } } };
    }
    if (writes && decision.value !== null) planned.add(decision.value);
    return { target, result };
  });
}

function decideAll(
  ticket: UnifiedTicket,
  predictions: Predictions,
  policy: Policy,
  options: HelpDeskOptions,
): Planned[] {
  const planned: Planned[] = [];
  // A list where one prediction belongs is reported as invalid model output by decideField.
  const single = (target: Target, fieldPolicy: FieldPolicy) =>
    planned.push({ target, result: decideField(target, fieldPolicy, predictions[target.field]) });
  for (const field of ["queue", "priority", "type"] as const) {
    const fieldPolicy = policy.fields[field];
    if (fieldPolicy) single(builtInTarget(field, ticket, options), fieldPolicy);
  }
  if (policy.fields.tags) planned.push(...decideTags(ticket, predictions.tags, policy.fields.tags, options));
  for (const [name, fieldPolicy] of Object.entries(policy.fields.custom_fields)) {
    single(customFieldTarget(name, ticket, options), fieldPolicy);
  }
  return planned;
}

const WRITES = new Set(["applied", "flagged", "fallback"]);

/**
 * Decides what to write for one ticket.
 *
 * @example
 * const plan = decideTicket({
 *   ticket: { id: "7", queue: { name: "Incoming" }, tags: [], custom_fields: {}, notes: [], subject: "", body: "" },
 *   predictions: { queue: { label: "Billing/Refunds", confidence: 0.94 } },
 *   policy: PolicySchema.parse({ fields: { queue: { threshold: 0.8, fallback: "Unclassified", mapping: { "Billing*": "Billing" } } } }),
 *   options: { queues: [{ name: "Billing" }, { name: "Unclassified" }], priorities: [], types: [], statuses: [], fields: [] },
 * });
 * plan.changes; // { queue: { name: "Billing" } }
 * plan.note; // "Open Ticket AI\nqueue: Billing (confidence 0.94, applied)"
 */
export function decideTicket(input: DecideInput): TicketPlan {
  const { ticket, predictions, policy, options } = input;
  const planned = decideAll(ticket, predictions, policy, options);
  const changes: TicketUpdate = {};
  for (const { target, result } of planned) {
    if (result.decision.value !== null && WRITES.has(result.decision.outcome))
      target.write(changes, result.decision.value);
  }
  const flags = planned.flatMap(({ result }) =>
    result.flag && !ticket.tags.includes(result.flag) ? [result.flag] : [],
  );
  if (flags.length > 0) changes.add_tags = [...new Set([...(changes.add_tags ?? []), ...flags])];
  return {
    decisions: planned.map(({ result }) => result.decision),
    changes,
    note: buildNote(
      policy.note,
      planned.flatMap(({ result }) => (result.line ? [result.line] : [])),
    ),
  };
}
