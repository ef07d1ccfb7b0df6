/**
 * @module pipes/interval-trigger
 * `base:IntervalTrigger`: succeeds once `interval` has passed since it last fired. As in OTAI the clock
 * starts when the trigger is first seen, so the first fire comes one interval after start. Under
 * `otai run --once` it fires at once.
 */
import { z } from "zod";
import { DurationSchema } from "../config/duration.ts";
import { definePipe } from "../contracts/component.ts";
import { failure, success } from "../contracts/pipe-result.ts";

export const IntervalTrigger = definePipe({
  kind: "trigger",
  name: "IntervalTrigger",
  description: "Fires every `interval` (ISO-8601 duration such as PT5M).",
  params: z.object({ interval: DurationSchema }).strict(),
  async process({ params, state, once }) {
    const now = Date.now();
    if (once) {
      state.set("lastFired", now);
      return success({ fired_at: new Date(now).toISOString() });
    }
    const last = state.get("lastFired");
    if (typeof last !== "number") {
      state.set("lastFired", now);
      return failure("interval has not elapsed yet");
    }
    if (now - last < params.interval) return failure("interval has not elapsed yet");
    state.set("lastFired", now);
    return success({ fired_at: new Date(now).toISOString() });
  },
});
