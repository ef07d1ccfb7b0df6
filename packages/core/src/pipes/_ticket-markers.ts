/**
 * How a write is recognised later: the marker tag and the decision id in a note. Both are checked,
 * because suggest mode writes only a note and some help desks have no tags.
 */
import type { UnifiedTicket } from "../contracts/ticket.ts";
import { markerTag } from "../state/decision-id.ts";

/** The line every note the engine writes ends with, so a re-read can tell the write landed. */
export function decisionLine(decisionId: string): string {
  return `[otai decision ${decisionId}]`;
}

export function carriesDecision(ticket: UnifiedTicket, decisionId: string): boolean {
  if (ticket.tags.includes(markerTag(decisionId))) return true;
  const line = decisionLine(decisionId);
  return ticket.notes.some((note) => note.body.includes(line));
}
