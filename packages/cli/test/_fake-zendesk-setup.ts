/**
 * What the engine tests against the fake Zendesk share: a seed of new tickets waiting in "Incoming"
 * (with "Billing" to route them to), and the YAML of the steps that fetch them.
 */
import type { FakeZendeskSeed } from "@otai/testkit";

export const INCOMING = 1;
export const BILLING = 2;

/** `count` new tickets in Incoming. */
export function incomingSeed(count: number, text: (n: number) => { subject: string; body: string }): FakeZendeskSeed {
  return {
    groups: [
      { id: INCOMING, name: "Incoming" },
      { id: BILLING, name: "Billing" },
    ],
    tickets: Array.from({ length: count }, (_, i) => {
      const { subject, body } = text(i + 1);
      return { subject, comments: [{ body }], group_id: INCOMING, status: "new" as const };
    }),
  };
}

/** The fetch step for new tickets in Incoming (indented for a composite's `steps:` at 18 spaces). */
export const FETCH_INCOMING = `                  - id: fetch
                    use: base:FetchTicketsPipe
                    injects: { ticket_system: zendesk }
                    params: { ticket_search_criteria: { queue: { name: Incoming }, status: new, limit: 100 } }`;
