/**
 * @module pipes/simple-sequential-runner
 * `base:SimpleSequentialRunner`: runs `run` when its `on` pipe succeeds, otherwise is skipped.
 */
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
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
    return runChild(params.run, context, ["run"]);
  },
});
