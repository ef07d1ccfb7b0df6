/**
 * @module model/yielder
 * Lets long synchronous loops give the event loop a turn every few milliseconds.
 */
import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Returns a function to call often; it resolves at once unless `budgetMs` have passed since the last
 * turn, and then waits one event-loop turn (so timers and I/O run).
 *
 * @example
 * const pause = createYielder(10);
 * for (const item of items) { work(item); await pause(); }
 */
export function createYielder(budgetMs = 10, signal?: AbortSignal): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    if (performance.now() - last < budgetMs) return undefined;
    return nextTurn().then(() => {
      signal?.throwIfAborted();
      last = performance.now();
    });
  };
}
