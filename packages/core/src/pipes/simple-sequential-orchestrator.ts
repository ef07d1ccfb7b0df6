/**
 * @module pipes/simple-sequential-orchestrator
 * `base:SimpleSequentialOrchestrator`: runs its steps (usually runners) in a loop until shutdown,
 * sleeping `orchestrator_sleep` between cycles. Under `--once` it runs one cycle and returns.
 */
import { z } from "zod";
import { DurationSchema } from "../config/duration.ts";
import { definePipe } from "../contracts/component.ts";
import { withParent } from "../contracts/pipe-context.ts";
import { type PipeResult, success, unionResults } from "../contracts/pipe-result.ts";
import { errorMessage } from "../errors.ts";
import { abortableSleep } from "./_abortable-sleep.ts";

export const SimpleSequentialOrchestrator = definePipe({
  kind: "pipe",
  name: "SimpleSequentialOrchestrator",
  description: "Runs its steps in an endless loop until the process is stopped.",
  params: z
    .object({
      orchestrator_sleep: DurationSchema.default(10),
      exception_sleep: DurationSchema.default(5000),
      always_retry: z.boolean().default(true),
      steps: z.array(z.unknown()).nullable().default([]),
    })
    .strict(),
  children: { steps: "many" },
  async process({ params, context, runChild, signal, once, logger }) {
    const { steps, ...own } = params;
    const scope = withParent(context, own);
    while (!signal.aborted) {
      try {
        const results: PipeResult[] = [];
        for (const [index, step] of (steps ?? []).entries()) {
          if (signal.aborted) break;
          results.push(await runChild(step, scope, ["steps", index]));
        }
        if (once) return unionResults(results);
        await abortableSleep(params.orchestrator_sleep, signal);
      } catch (error) {
        if (!params.always_retry || once) throw error;
        logger.error({ err: errorMessage(error) }, "cycle failed; retrying after exception_sleep");
        await abortableSleep(params.exception_sleep, signal);
      }
    }
    return success({}, "stopped");
  },
});
