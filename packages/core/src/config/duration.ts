/**
 * @module config/duration
 * Durations as OTAI (pydantic `timedelta`) accepts them: ISO-8601 (`PT5S`, `P1DT2H`), `H:MM:SS[.f]`,
 * or a number of seconds.
 */
import { z } from "zod";

const ISO =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
const CLOCK = /^(?:(\d+)\s+days?,\s*)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/;

/**
 * Parses a duration to milliseconds, or returns undefined when it is not one.
 *
 * @example
 * parseDuration("PT0.5S"); // 500
 * parseDuration("0:01:00"); // 60000
 * parseDuration(5); // 5000
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text) * 1000;
  const iso = ISO.exec(text);
  if (iso && text.length > 1 && text.toUpperCase() !== "PT") {
    const [, w, d, h, m, s] = iso.map((part) => (part === undefined ? 0 : Number(part)));
    return ((((w ?? 0) * 7 + (d ?? 0)) * 24 + (h ?? 0)) * 3600 + (m ?? 0) * 60 + (s ?? 0)) * 1000;
  }
  const clock = CLOCK.exec(text);
  if (clock) {
    const [, days, h, m, s] = clock;
    return (Number(days ?? 0) * 86400 + Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
  }
  return undefined;
}

/** A zod schema for a duration param; the parsed value is milliseconds. */
export const DurationSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    ctx.addIssue({
      code: "custom",
      message: `expected a duration such as 'PT5S', '0:01:00' or a number of seconds, got ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return ms;
});
