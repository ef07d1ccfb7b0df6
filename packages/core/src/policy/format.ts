/**
 * @module policy/format
 * How numbers and model-supplied text appear in reasons and notes.
 */

const MAX_SHOWN = 80;

/**
 * A label or value as reasons and notes show it: one line, at most 80 characters. Labels come from a
 * model, and a generative one can echo ticket text or a line break meant to fake a note line.
 *
 * @example
 * show("IT\nqueue: Billing (confidence 1.00, applied)"); // "IT queue: Billing (confidence 1.00, applied)"
 */
export function show(text: string): string {
  const line = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed.
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return line.length > MAX_SHOWN ? `${line.slice(0, MAX_SHOWN - 1)}…` : line;
}

/**
 * True when `text` holds a line break or another control character: no help-desk value does, and a
 * value that did could fake lines in a note.
 *
 * @example
 * hasControlCharacters("IT\nBilling"); // true
 */
export function hasControlCharacters(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is looked for.
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text);
}

/**
 * A confidence and the threshold it is compared with, with enough digits that they differ when they do
 * (0.795 against 0.8 must not read "0.80 < 0.80").
 *
 * @example
 * formatPair(0.62, 0.7); // ["0.62", "0.70"]
 * formatPair(0.795, 0.8); // ["0.795", "0.800"]
 */
export function formatPair(value: number, threshold: number): [string, string] {
  for (let digits = 2; digits < 6; digits++) {
    const a = value.toFixed(digits);
    const b = threshold.toFixed(digits);
    if (a !== b || value === threshold) return [a, b];
  }
  return [value.toFixed(6), threshold.toFixed(6)];
}

/** A confidence on its own, two decimals. */
export function formatConfidence(value: number): string {
  return value.toFixed(2);
}
