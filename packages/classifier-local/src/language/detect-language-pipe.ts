/**
 * @module language/detect-language-pipe
 * `local:DetectLanguagePipe`: the language of `text` as `data.language` (ISO 639-1, or null when unsure).
 */
import { definePipe, success } from "@otai/core";
import { DetectLanguageParamsSchema } from "../params.ts";
import { detectLanguage } from "./detect-language.ts";

export const DetectLanguagePipe = definePipe({
  kind: "pipe",
  name: "DetectLanguagePipe",
  description: "Detects the language of text; data.language is an ISO 639-1 code or null.",
  params: DetectLanguageParamsSchema,
  async process({ params }) {
    return success({ language: detectLanguage(params.text) ?? null });
  },
});
