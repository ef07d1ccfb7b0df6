/**
 * @module pipes/expression-pipe
 * `base:ExpressionPipe`: its `expression` param, rendered, becomes `data.value`; `fail()` fails it.
 */
import { z } from "zod";
import { definePipe } from "../contracts/component.ts";
import { failure, success } from "../contracts/pipe-result.ts";
import { FAIL } from "../templates/renderer.ts";

export const ExpressionPipe = definePipe({
  kind: "pipe",
  name: "ExpressionPipe",
  description: "Evaluates `expression`; the value is data.value, and fail() makes the step fail.",
  params: z.object({ expression: z.unknown() }).strict(),
  async process({ params }) {
    if (params.expression === FAIL) return failure("expression called fail()");
    return success({ value: params.expression });
  },
});
