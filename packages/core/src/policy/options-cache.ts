/**
 * @module policy/options-cache
 * The help desk's option lists, fetched once per pipe instance and kept for a while, so that a cycle
 * of 500 tickets makes one options request instead of 500.
 */
import type { HelpDeskOptions, TicketSystem } from "../contracts/ticket-system.ts";

/** How long fetched options are trusted; a queue an admin adds shows up within this time. */
export const OPTIONS_TTL_MS = 5 * 60 * 1000;

const KEY = "policy:help-desk-options";

interface Entry {
  fetchedAt: number;
  options: Promise<HelpDeskOptions>;
}

/**
 * The cached options in `state` (a pipe's `PipeRun.state`), fetched when missing or older than the TTL.
 * Concurrent callers share one request; a failed request is not cached, so the next run asks again.
 *
 * @example
 * const options = await cachedOptions(run.state, run.services.ticket_system);
 */
export function cachedOptions(
  state: Map<string, unknown>,
  system: Pick<TicketSystem, "options">,
  now: number = Date.now(),
  ttlMs: number = OPTIONS_TTL_MS,
): Promise<HelpDeskOptions> {
  const entry = state.get(KEY) as Entry | undefined;
  if (entry && now - entry.fetchedAt < ttlMs) return entry.options;
  const options = system.options();
  const fresh: Entry = { fetchedAt: now, options };
  state.set(KEY, fresh);
  options.catch(() => {
    if (state.get(KEY) === fresh) state.delete(KEY);
  });
  return options;
}
