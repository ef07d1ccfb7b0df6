/**
 * @module http/retry-after
 * `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). Zendesk and Freshdesk send seconds
 * with their 429s; proxies and maintenance pages sometimes send a date.
 */

/**
 * The wait a `Retry-After` value asks for, in ms (never negative), or `undefined` when it is absent or
 * unreadable.
 *
 * @example
 * parseRetryAfter("7", 0); // 7000
 * parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("Wed, 21 Oct 2015 07:27:00 GMT")); // 60000
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  // Decimals are not in the RFC but some servers send them; reading them costs nothing.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date) || !/[a-z]/i.test(text)) return undefined;
  return Math.max(0, date - nowMs);
}
