/**
 * @module state/decision-id
 * Decision ids and the marker tag that makes a help-desk write detectable after a crash.
 */
import { randomBytes } from "node:crypto";
import { OtaiError } from "../errors.ts";

// RFC 4648 base32, lower-case: letters and digits only, so an id is the same in a URL, a note, a
// log line and a tag on every help desk, and lower-casing it for a tag loses nothing.
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const MARKER_LENGTH = 10;

/**
 * A random decision id: 16 lower-case base32 characters (80 random bits).
 *
 * @example
 * newDecisionId(); // "k3q7vd2mxa5tbe4n"
 */
export function newDecisionId(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let id = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      id += ALPHABET[(value >>> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return id;
}

/**
 * The tag a write carries so that it can be found again: `otai-` and the first 10 characters of the
 * decision id, lower-case (50 bits: unique enough among one ticket's tags, short for agents to read).
 * Throws OTAI_INTERNAL for an id that would not make a valid tag (empty, spaces, commas).
 *
 * @example
 * markerTag("K3Q7VD2MXA5TBE4N"); // "otai-k3q7vd2mxa"
 */
export function markerTag(decisionId: string): string {
  const short = decisionId.slice(0, MARKER_LENGTH).toLowerCase();
  if (!/^[a-z0-9_-]+$/.test(short)) {
    throw new OtaiError("OTAI_INTERNAL", `decision id '${decisionId}' cannot form a marker tag`, {
      details: { decisionId },
    });
  }
  return `otai-${short}`;
}
