/**
 * @module policy/decision
 * The shapes that go into and come out of deciding: a model's predictions per field, and one decision
 * record per field (per tag for tags), the audit log of what was done and why.
 */
import type { TicketUpdate } from "../contracts/ticket.ts";

export type { Action } from "./schema.ts";

/** A model's answer for one field, as `ClassificationPipe` returns it. */
export interface FieldPrediction {
  label: string;
  confidence: number;
  scores?: { label: string; confidence: number }[];
}

/** Predictions by field: `queue`, `priority`, `type`, `custom_fields.<name>`; `tags` is a list. */
export interface Predictions {
  [field: string]: FieldPrediction | FieldPrediction[] | undefined;
}

export type Outcome = "applied" | "flagged" | "suggested" | "fallback" | "skipped" | "failed";

/** What was decided for one field (or one predicted tag), and why. */
export interface PlannedDecision {
  field: string;
  /** The model's label, or null when there was none (or it was not a string). */
  predicted: string | null;
  /** The value written or suggested, in the help desk's spelling; null when nothing is. */
  value: string | null;
  confidence: number | null;
  /** The `min` of the band the confidence fell in, or the lowest one when it fell below all. */
  threshold: number | null;
  outcome: Outcome;
  reason: string;
}

/** Everything decided for one ticket. */
export interface TicketPlan {
  decisions: PlannedDecision[];
  /** Only what changes: a value the ticket already has is a `skipped` decision, not a change. */
  changes: TicketUpdate;
  /** The internal note, or null when there is nothing to say or notes are disabled. */
  note: string | null;
}
