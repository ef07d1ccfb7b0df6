/**
 * @module pipes/composite-pipe
 * `base:CompositePipe`: runs `steps` in order, each seeing the results before it, and stops at the
 * first step that fails. Like OTAI, its result is the union of the steps that succeeded, so a guard
 * step that calls `fail()` ends the pipeline quietly instead of failing it. Extra params are allowed
 * and readable by the steps through `get_parent_param`.
 */
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
import { withParent } from "../contracts/pipe-context.ts";
import { unionResults } from "../contracts/pipe-result.ts";
import { runSteps } from "./_run-steps.ts";

export const CompositePipe = definePipe({
  kind: "pipe",
  name: "CompositePipe",
  description: "Runs steps in sequence; stops at the first failure.",
  params: z.object({ steps: z.array(z.unknown()).nullable().default([]) }).catchall(z.unknown()),
  children: { steps: "many" },
  async process({ params, context, runChild, logger }) {
    const { steps, ...own } = params;
    const { results, failed } = await runSteps(steps ?? [], withParent(context, own), runChild);
    if (failed)
      logger.info({ step: failed.id, reason: failed.result.message }, "step failed; skipping the remaining steps");
    return unionResults(results);
  },
});
