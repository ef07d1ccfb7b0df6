/**
 * @module server/bearer-auth
 * The bearer token check for `/metrics` and `/readyz`. Both sides are hashed before a constant-time
 * compare, so neither the content nor the length of the token leaks through timing.
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** `missing`: no bearer credentials at all; `invalid`: credentials that are not the token. */
export type BearerResult = "ok" | "missing" | "invalid";

/**
 * Returns a checker of `Authorization` header values against `token`.
 *
 * @example
 * const check = bearerChecker("s3cret-metrics-token");
 * check("Bearer s3cret-metrics-token"); // "ok"
 * check(undefined); // "missing"
 * check("Bearer guess"); // "invalid"
 */
export function bearerChecker(token: string): (authorization: string | undefined) => BearerResult {
  const expected = digest(token);
  return (authorization) => {
    if (authorization === undefined) return "missing";
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!match?.[1]) return "invalid";
    return timingSafeEqual(digest(match[1]), expected) ? "ok" : "invalid";
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
