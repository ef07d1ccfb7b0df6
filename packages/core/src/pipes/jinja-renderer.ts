/**
 * @module pipes/jinja-renderer
 * `base:JinjaRenderer`: OTAI required exactly one template renderer service. Ours is built in, so the
 * entry is accepted (and optional) for compatibility.
 */
import { z } from "zod";
import { defineService } from "../contracts/component.ts";

export const JinjaRenderer = defineService({
  kind: "template-renderer",
  name: "JinjaRenderer",
  description: "The built-in Jinja template engine (MiniJinja). Optional; kept for OTAI configs.",
  params: z.object({}).strict(),
  create: () => ({ engine: "minijinja" }),
});
