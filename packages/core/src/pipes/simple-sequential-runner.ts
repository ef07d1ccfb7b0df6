/**
 * @module pipes/simple-sequential-runner
 * `base:SimpleSequentialRunner`: runs `run` when its `on` pipe succeeds, otherwise is skipped. The
 * trigger's result is in the run's `pipe_results` under the trigger's id (default `on`).
 */
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
import { withPipeResult } from "../contracts/pipe-context.ts";
import { skipped } from "../contracts/pipe-result.ts";

export const SimpleSequentialRunner = definePipe({
  kind: "pipe",
  name: "SimpleSequentialRunner",
  description: "Runs `run` whenever the `on` pipe (usually a trigger) succeeds.",
  params: z.object({ on: z.unknown(), run: z.unknown() }).strict(),
  children: { on: "one", run: "one" },
  async process({ params, context, runChild }) {
    const trigger = await runChild(params.on, context, ["on"]);
    if (!trigger.succeeded) return skipped(`The On Pipe did not succeed: ${trigger.message}`);
    // What the trigger found (a webhook's ticket ids, a cron tick's time) is readable by the run.
    const triggerId = (params.on as { id?: unknown } | null)?.id;
    return runChild(params.run, withPipeResult(context, typeof triggerId === "string" ? triggerId : "on", trigger), [
      "run",
    ]);
  },
});
