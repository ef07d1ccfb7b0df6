/**
 * @module params
 * The classifier's config: one or more models (selected by `ClassificationPipe`'s `model_name`), each
 * a set of labels with the words or patterns that point to them.
 */
import { z } from "zod";

/** A plain word or phrase (matched case-insensitively on word boundaries), or `/regex/flags`. */
const Pattern = z.string().min(1);

export const KeywordModelSchema = z
  .object({
    labels: z.record(z.string(), z.array(Pattern).min(1)),
    /** The label when nothing matches; its confidence is 0, so thresholds route it to a fallback. */
    default_label: z.string().optional(),
  })
  .strict();

export const KeywordParamsSchema = z
  .object({
    models: z.record(z.string(), KeywordModelSchema).refine((models) => Object.keys(models).length > 0, {
      message: "define at least one model",
    }),
  })
  .strict();

export type KeywordParams = z.infer<typeof KeywordParamsSchema>;
export type KeywordModel = z.infer<typeof KeywordModelSchema>;
