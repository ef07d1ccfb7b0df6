/**
 * @module pipes/cron-trigger
 * `base:CronTrigger`: fires when a cron schedule (`*\/5 * * * *`, with optional seconds field) comes
 * due. Runs never overlap: the orchestrator checks triggers only between cycles, so ticks that pass
 * during a long cycle fold into one fire instead of piling up. Under `otai run --once` it fires at once.
 */
import { Cron } from "croner";
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
import { failure, success } from "../contracts/pipe-result.ts";
import { OtaiError } from "../errors.ts";

export const CronTrigger = definePipe({
  kind: "trigger",
  name: "CronTrigger",
  description: "Fires on a cron schedule (5 or 6 fields, optional IANA timezone); missed ticks fold into one.",
  params: z.object({ cron: z.string().min(1), timezone: z.string().optional() }).strict(),
  async process({ params, state, once }) {
    const now = new Date();
    if (once) return success({ fired_at: now.toISOString() });
    let schedule = state.get("schedule") as { cron: Cron; spec: string } | undefined;
    const spec = `${params.cron}\u0000${params.timezone ?? ""}`;
    if (!schedule || schedule.spec !== spec) {
      let cron: Cron;
      try {
        cron = new Cron(params.cron, { paused: true, ...(params.timezone ? { timezone: params.timezone } : {}) });
      } catch (error) {
        throw new OtaiError("OTAI_CONFIG_INVALID", `cron '${params.cron}' is invalid: ${(error as Error).message}`);
      }
      schedule = { cron, spec };
      state.set("schedule", schedule);
      state.set("due", cron.nextRun(now)?.getTime() ?? Number.POSITIVE_INFINITY);
    }
    const due = state.get("due") as number;
    if (now.getTime() < due) return failure(`not due until ${new Date(due).toISOString()}`);
    state.set("due", schedule.cron.nextRun(now)?.getTime() ?? Number.POSITIVE_INFINITY);
    return success({ fired_at: now.toISOString(), scheduled_for: new Date(due).toISOString() });
  },
});
