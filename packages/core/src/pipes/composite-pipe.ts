/**
 * @module pipes/composite-pipe
 * `base:CompositePipe`: runs `steps` in order, each seeing the results before it, and stops at the
 * first step that fails. Like OTAI, its result is the union of the steps that succeeded, so a guard
 * step that calls `fail()` ends the pipeline quietly instead of failing it. Extra params are allowed
 * and readable by the steps through `get_parent_param`.
 */
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
import { withParent, withPipeResult } from "../contracts/pipe-context.ts";
import { hasFailed, type PipeResult, unionResults } from "../contracts/pipe-result.ts";

export const CompositePipe = definePipe({
  kind: "pipe",
  name: "CompositePipe",
  description: "Runs steps in sequence; stops at the first failure.",
  params: z.object({ steps: z.array(z.unknown()).nullable().default([]) }).catchall(z.unknown()),
  children: { steps: "many" },
  async process({ params, context, runChild, logger }) {
    const { steps, ...own } = params;
    let scope = withParent(context, own);
    const results: PipeResult[] = [];
    for (const [index, step] of (steps ?? []).entries()) {
      const id = (step as { id?: string }).id ?? `step_${index}`;
      const result = await runChild(step, scope, ["steps", index]);
      scope = withPipeResult(scope, id, result);
      if (hasFailed(result)) {
        logger.info({ step: id, reason: result.message }, "step failed; skipping the remaining steps");
        break;
      }
      results.push(result);
    }
    return unionResults(results);
  },
});
