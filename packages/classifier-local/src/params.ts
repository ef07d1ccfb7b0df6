/**
 * @module params
 * The config params of the plugin's service and pipe.
 */
import { z } from "zod";

export const LocalClassifierParamsSchema = z
  .object({
    /** The model file, relative to the config file's directory. */
    model: z.string().min(1),
    /** The head `classify` answers with when a request names none (default: the model's first head). */
    head: z.string().min(1).optional(),
    /** Scores per result when a request does not say (default 5). */
    top_k: z.number().int().positive().optional(),
  })
  .strict();

export type LocalClassifierParams = z.infer<typeof LocalClassifierParamsSchema>;

export const DetectLanguageParamsSchema = z.object({ text: z.string() }).strict();

export type DetectLanguageParams = z.infer<typeof DetectLanguageParamsSchema>;
