/**
 * @module fakes/zendesk/pagination
 * Zendesk's two ways of paging a list. Cursor: `page[size]` (≤100) and `page[after]`/`page[before]`,
 * answered with `meta.has_more`, `meta.after_cursor` and absolute `links.next`. Offset: `page` and
 * `per_page`, answered with absolute `next_page`/`previous_page` and `count`, refused past a record
 * limit. Links are absolute because real clients (node-zendesk) follow them as given.
 */
import type { ZendeskQuirks } from "./options.ts";
import { badRequest, jsonReply, type Reply } from "./reply.ts";

export const MAX_PAGE_SIZE = 100;

/** A sort key: the primary value, then the id to break ties, so every order is total. */
export type SortKey = [string | number, number];

/** A list to page: the items in their final order and how to render and key each one. */
export interface PagedList<T> {
  /** The property that holds the page, e.g. `"tickets"`. */
  key: string;
  /** Already filtered and sorted. */
  items: T[];
  sortKey: (item: T) => SortKey;
  descending: boolean;
  render: (item: T) => unknown;
}

/** Where the page's links point: the fake's base URL and the path and query as requested. */
export interface PageLinks {
  baseUrl: string;
  path: string;
  query: URLSearchParams;
}

/**
 * True when the request asks for cursor pagination.
 *
 * @example
 * wantsCursor(new URLSearchParams("page[size]=100")); // true
 */
export function wantsCursor(query: URLSearchParams): boolean {
  return ["page[size]", "page[after]", "page[before]"].some((key) => query.has(key));
}

/**
 * Orders items by a sort key, ascending or descending, ties broken by id the same way.
 *
 * @example
 * sortByKey(tickets, (t) => [Date.parse(t.updated_at), t.id], true); // newest change first
 */
export function sortByKey<T>(items: T[], sortKey: (item: T) => SortKey, descending: boolean): T[] {
  const sign = descending ? -1 : 1;
  return [...items].sort((a, b) => sign * compareKeys(sortKey(a), sortKey(b)));
}

export function compareKeys(a: SortKey, b: SortKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1];
}

export function encodeCursor(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload)).toString("base64url");
}

export function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * An absolute link to the same path with some query keys replaced (and others removed). Brackets in
 * keys stay literal (`page[after]=`), as in Zendesk's own links.
 *
 * @example
 * linkWith({ baseUrl, path: "/api/v2/tickets.json", query }, { "page[after]": "abc" });
 * // "http://127.0.0.1:PORT/api/v2/tickets.json?page[size]=100&page[after]=abc"
 */
export function linkWith(links: PageLinks, set: Record<string, string>, remove: string[] = []): string {
  const query = new URLSearchParams(links.query);
  for (const key of remove) query.delete(key);
  for (const [key, value] of Object.entries(set)) query.set(key, value);
  const pairs = [...query].map(([key, value]) => `${encodeKey(key)}=${encodeURIComponent(value)}`);
  return `${links.baseUrl}${links.path}?${pairs.join("&")}`;
}

function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%5B/gi, "[").replace(/%5D/gi, "]");
}

/**
 * Reads `page[size]`: default `fallback`, at most `max` (over it: 400 or clamp, as the quirk says).
 *
 * @example
 * readPageSize(new URLSearchParams("page[size]=5000"), 1000, { cursorPageSizeOverMax: "clamp" }); // 1000
 */
export function readPageSize(
  query: URLSearchParams,
  max: number,
  quirks: Pick<ZendeskQuirks, "cursorPageSizeOverMax">,
  fallback = max,
): number | Reply {
  const raw = query.get("page[size]");
  if (raw === null) return fallback;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1)
    return badRequest("InvalidPaginationParameter", `page[size] must be a positive integer`);
  if (size > max) {
    if (quirks.cursorPageSizeOverMax === "clamp") return max;
    return badRequest("InvalidPaginationParameter", `page[size] must be less than or equal to ${max}`);
  }
  return size;
}

/**
 * One cursor page of `list`.
 *
 * @example
 * cursorPage(list, links, quirks); // { status: 200, json: { tickets: [...], meta: {...}, links: {...} } }
 */
export function cursorPage<T>(list: PagedList<T>, links: PageLinks, quirks: ZendeskQuirks): Reply {
  const size = readPageSize(links.query, MAX_PAGE_SIZE, quirks);
  if (typeof size !== "number") return size;
  const after = links.query.get("page[after]");
  const before = links.query.get("page[before]");
  const sign = list.descending ? -1 : 1;
  const ordered = (item: T, key: SortKey): number => sign * compareKeys(list.sortKey(item), key);
  let page: T[];
  let hasMore: boolean;
  if (before !== null) {
    const key = readKey(before);
    if (!key) return invalidCursor();
    const earlier = list.items.filter((item) => ordered(item, key) < 0);
    page = earlier.slice(Math.max(0, earlier.length - size));
    hasMore = earlier.length > page.length;
  } else {
    const key = after === null ? undefined : readKey(after);
    if (after !== null && !key) return invalidCursor();
    const later = key ? list.items.filter((item) => ordered(item, key) > 0) : list.items;
    page = later.slice(0, size);
    hasMore = later.length > page.length;
  }
  const first = page[0];
  const last = page.at(-1);
  const beforeCursor = first ? encodeCursor(list.sortKey(first)) : null;
  const afterCursor = last ? encodeCursor(list.sortKey(last)) : null;
  const cursorKeys = ["page[after]", "page[before]", "page"];
  const next =
    afterCursor && (hasMore || quirks.lastPageNextLink === "url")
      ? linkWith(links, { "page[size]": String(size), "page[after]": afterCursor }, cursorKeys)
      : null;
  const prev = beforeCursor
    ? linkWith(links, { "page[size]": String(size), "page[before]": beforeCursor }, cursorKeys)
    : null;
  return jsonReply(200, {
    [list.key]: page.map(list.render),
    meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
    links: { prev, next },
  });
}

/** Limits of an offset-paged endpoint: the most records reachable and what going past answers. */
export interface OffsetLimits {
  recordLimit: number;
  overLimit: () => Reply;
  /** Offer `next_page` even when it lies past the record limit. */
  nextBeyondLimit: boolean;
  perPageOverMax: ZendeskQuirks["perPageOverMax"];
  /** The total for `count` when it is not just the number of items (search counts past its cap). */
  count?: number;
}

/**
 * One offset page of `list`.
 *
 * @example
 * offsetPage(list, links, { recordLimit: 10_000, overLimit, nextBeyondLimit: true, perPageOverMax: "clamp" });
 */
export function offsetPage<T>(list: PagedList<T>, links: PageLinks, limits: OffsetLimits): Reply {
  const page = readPositive(links.query.get("page"), 1);
  let perPage = readPositive(links.query.get("per_page"), MAX_PAGE_SIZE);
  if (page === undefined) return badRequest("InvalidPaginationParameter", "page must be a positive integer");
  if (perPage === undefined) return badRequest("InvalidPaginationParameter", "per_page must be a positive integer");
  if (perPage > MAX_PAGE_SIZE) {
    if (limits.perPageOverMax === "error") {
      return badRequest("InvalidPaginationParameter", `per_page must be less than or equal to ${MAX_PAGE_SIZE}`);
    }
    perPage = MAX_PAGE_SIZE;
  }
  const offset = (page - 1) * perPage;
  if (offset >= limits.recordLimit) return limits.overLimit();
  const slice = list.items.slice(offset, offset + perPage);
  const reachable = Math.min(list.items.length, limits.nextBeyondLimit ? Number.POSITIVE_INFINITY : limits.recordLimit);
  const hasNext = offset + perPage < reachable;
  const withPage = (n: number): string => linkWith(links, { page: String(n), per_page: String(perPage) });
  return jsonReply(200, {
    [list.key]: slice.map(list.render),
    next_page: hasNext ? withPage(page + 1) : null,
    previous_page: page > 1 ? withPage(page - 1) : null,
    count: limits.count ?? list.items.length,
  });
}

/**
 * Cursor or offset, whichever the request asks for (offset when it asks for neither).
 *
 * @example
 * paginate(list, { baseUrl, path: request.path, query: request.query }, quirks, 10_000);
 */
export function paginate<T>(list: PagedList<T>, links: PageLinks, quirks: ZendeskQuirks, recordLimit: number): Reply {
  if (wantsCursor(links.query)) return cursorPage(list, links, quirks);
  return offsetPage(list, links, {
    recordLimit,
    nextBeyondLimit: false,
    perPageOverMax: quirks.perPageOverMax,
    overLimit: () =>
      badRequest(
        "InvalidPaginationParameter",
        `Offset pagination is limited to the first ${recordLimit} records. Use cursor pagination instead.`,
      ),
  });
}

function readKey(cursor: string): SortKey | undefined {
  const key = decodeCursor(cursor);
  if (!Array.isArray(key) || key.length !== 2) return undefined;
  const [value, id] = key as unknown[];
  if ((typeof value !== "string" && typeof value !== "number") || typeof id !== "number") return undefined;
  return [value, id];
}

function readPositive(raw: string | null, fallback: number): number | undefined {
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 1 ? value : undefined;
}

function invalidCursor(): Reply {
  return badRequest("InvalidPaginationParameter", "page[after] or page[before] is not a valid cursor");
}
