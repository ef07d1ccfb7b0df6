/**
 * The loop a composite and a per-ticket pipeline share: run steps in order, each seeing the results
 * before it, and stop at the first that fails.
 */
import type { PipeRun } from "../contracts/component.ts";
import { type PipeContext, withPipeResult } from "../contracts/pipe-context.ts";
import { hasFailed, type PipeResult } from "../contracts/pipe-result.ts";

export interface StepsOutcome {
  /** The results of the steps that ran and did not fail, in order. */
  results: PipeResult[];
  /** The first step that failed, if any; the steps after it did not run. */
  failed?: { id: string; result: PipeResult };
}

export async function runSteps(
  steps: readonly unknown[],
  scope: PipeContext,
  runChild: PipeRun<unknown>["runChild"],
): Promise<StepsOutcome> {
  let current = scope;
  const results: PipeResult[] = [];
  for (const [index, step] of steps.entries()) {
    const id = (step as { id?: string }).id ?? `step_${index}`;
    const result = await runChild(step, current, ["steps", index]);
    current = withPipeResult(current, id, result);
    if (hasFailed(result)) return { results, failed: { id, result } };
    results.push(result);
  }
  return { results };
}
