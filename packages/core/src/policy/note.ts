/**
 * @module policy/note
 * The internal note that tells agents what the policy did and why. Plain text built from decision
 * lines only: ticket text is never put in it, and it is never rendered as a template.
 */
import type { NotePolicy } from "./schema.ts";

/**
 * The note text, or null when notes are off or no decision is worth a line.
 *
 * @example
 * buildNote({ enabled: true, header: "Open Ticket AI" }, ["queue: Billing (confidence 0.94, applied)"]);
 * // "Open Ticket AI\nqueue: Billing (confidence 0.94, applied)"
 */
export function buildNote(policy: NotePolicy, lines: readonly string[]): string | null {
  if (!policy.enabled || lines.length === 0) return null;
  const header = policy.header.trim();
  return [...(header ? [header] : []), ...lines].join("\n");
}
