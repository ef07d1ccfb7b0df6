/**
 * @module language/detect-language
 * Language identification through tinyld (pure JavaScript), reduced to a confident ISO 639-1 code.
 */
import { detectAll } from "tinyld";

/** The detector's cost grows with length, and a ticket's first sentences name its language. */
const MAX_CHARS = 200;
/** Below this share of the detector's score the answer is a guess: report none. */
const MIN_ACCURACY = 0.3;

/**
 * The ISO 639-1 code of the language of `text`, or undefined when unsure (too short, mixed, unknown).
 *
 * @example
 * detectLanguage("Mein Drucker druckt nicht mehr, bitte helfen Sie mir."); // "de"
 */
export function detectLanguage(text: string): string | undefined {
  const sample = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const [best] = detectAll(sample);
  if (!best || best.accuracy < MIN_ACCURACY || !/^[a-z]{2}$/.test(best.lang)) return undefined;
  return best.lang;
}
