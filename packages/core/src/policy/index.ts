/**
 * @module policy
 * The decision policy: thresholds, bands, fallback and label mapping as configuration, with every
 * value checked against the help desk's live options and every outcome recorded.
 */

export { type DecideInput, decideTicket } from "./decide.ts";
export { DecidePipe } from "./decide-pipe.ts";
export type { FieldPrediction, Outcome, PlannedDecision, Predictions, TicketPlan } from "./decision.ts";
export { globMatches, type MappingInput, type MappingRule, matchMapping } from "./mapping.ts";
export { cachedOptions, OPTIONS_TTL_MS } from "./options-cache.ts";
export { parsePolicy } from "./parse-policy.ts";
export {
  type Action,
  type Band,
  type BelowAction,
  DEFAULT_FLAG_TAG,
  type FieldPolicy,
  type FieldPolicyInput,
  FieldPolicySchema,
  type NotePolicy,
  type Policy,
  type PolicyInput,
  PolicySchema,
  type TagsPolicy,
  type TagsPolicyInput,
  TagsPolicySchema,
} from "./schema.ts";
