/**
 * @module fakes/zendesk/handlers/search
 * `GET /api/v2/search` (offset only, ≤100 per page, ≤1,000 results, `count` the true total) and
 * `GET /api/v2/search/export` (cursor, ≤1,000 per page, type in `filter[type]`, no `count`, cursors
 * that expire). Both read the search index, which lags behind writes by the indexing delay.
 */
import {
  compareKeys,
  decodeCursor,
  encodeCursor,
  linkWith,
  offsetPage,
  type PagedList,
  readPageSize,
  type SortKey,
  sortByKey,
} from "../pagination.ts";
import { ticketJson } from "../render.ts";
import { badRequest, jsonReply, type Reply } from "../reply.ts";
import type { FakeState, Handler } from "../router.ts";
import { matchesQuery, parseSearchQuery, type SearchQuery } from "../search-query.ts";
import { ticketSortKey } from "../ticket-sort.ts";
import type { ZendeskTicket } from "../types.ts";

/** Largest `page[size]` of the export endpoint. */
export const MAX_EXPORT_PAGE_SIZE = 1000;

export const search: Handler = (request, fake) => {
  const { query } = request;
  if ([...query.keys()].some((key) => key.startsWith("page["))) {
    // [S] What Zendesk answers when a cursor parameter reaches the offset-only search.
    return jsonReply(400, {
      error: {
        title: "Invalid attribute",
        message: "You passed an invalid value for the page attribute. Invalid parameter: page must be an integer",
      },
    });
  }
  const text = query.get("query");
  if (text === null || text.trim() === "") return badRequest("invalid", "query is required");
  const parsed = parseSearchQuery(text);
  const matches = found(fake, parsed);
  const sortBy = query.get("sort_by") ?? query.get("order_by") ?? parsed.orderBy;
  const sortKey = sortBy === null ? ticketSortKey("id") : ticketSortKey(sortBy === "ticket_type" ? "type" : sortBy);
  if (!sortKey)
    return badRequest("invalid", `sort_by must be one of updated_at, created_at, priority, status, ticket_type`);
  // No sort_by means "relevance"; the fake's relevance is id order. With sort_by the default order is desc.
  const order = query.get("sort_order") ?? parsed.sort ?? (sortBy === null ? "asc" : "desc");
  const { settings } = fake;
  const list: PagedList<ZendeskTicket> = {
    key: "results",
    items: sortByKey(matches, sortKey, order === "desc"),
    sortKey,
    descending: order === "desc",
    render: (ticket) => resultJson(ticket, fake),
  };
  const reply = offsetPage(
    list,
    { baseUrl: fake.baseUrl, path: request.path, query },
    {
      recordLimit: settings.searchResultLimit,
      nextBeyondLimit: settings.quirks.searchNextPageBeyondCap,
      perPageOverMax: settings.quirks.perPageOverMax,
      overLimit: () =>
        jsonReply(422, {
          error: "invalid",
          description: `Search results are limited to ${settings.searchResultLimit} results per query. Use the export search endpoint to page through all of them.`,
        }),
    },
  );
  if (reply.status === 200) Object.assign(reply.json as object, { facets: null });
  return reply;
};

export const exportSearch: Handler = (request, fake) => {
  const { query } = request;
  const { quirks } = fake.settings;
  const text = query.get("query");
  if (text === null || text.trim() === "") return badRequest("invalid", "query is required");
  const parsed = parseSearchQuery(text);
  if (parsed.type !== null) {
    return badRequest("invalid", "The export search takes the type in filter[type], not in the query (type:...)");
  }
  const filterType = query.get("filter[type]");
  if (filterType === null && quirks.exportRequiresFilterType) {
    return badRequest("invalid", "filter[type] is required: ticket, organization, user or group");
  }
  const size = readPageSize(query, MAX_EXPORT_PAGE_SIZE, quirks, 100);
  if (typeof size !== "number") return size;
  const after = readExportCursor(query.get("page[after]"), fake);
  if (after !== undefined && !Array.isArray(after)) return after;

  const sortKey = (ticket: ZendeskTicket): SortKey => [Date.parse(ticket.created_at), ticket.id];
  const matches = filterType === null || filterType === "ticket" ? found(fake, parsed) : [];
  const ordered = sortByKey(matches, sortKey, false);
  const later = after ? ordered.filter((ticket) => compareKeys(sortKey(ticket), after) > 0) : ordered;
  const page = later.slice(0, size);
  const hasMore = later.length > page.length;
  const last = page.at(-1);
  const afterCursor = last ? encodeCursor({ k: sortKey(last), t: fake.clock.now() }) : null;
  const next =
    afterCursor && (hasMore || quirks.lastPageNextLink === "url")
      ? linkWith(
          { baseUrl: fake.baseUrl, path: request.path, query },
          { "page[size]": String(size), "page[after]": afterCursor },
        )
      : null;
  return jsonReply(200, {
    results: page.map((ticket) => resultJson(ticket, fake)),
    facets: null,
    meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: null },
    links: { prev: null, next },
  });
};

function found(fake: FakeState, query: SearchQuery): ZendeskTicket[] {
  const context = { now: fake.clock.now(), groupByName: fake.store.groupByName };
  return fake.store.indexedTickets(fake.settings.searchIndexDelayMs).filter((t) => matchesQuery(t, query, context));
}

function resultJson(ticket: ZendeskTicket, fake: FakeState): unknown {
  const json = ticketJson(ticket, fake.baseUrl);
  return fake.settings.quirks.searchResultType ? { ...json, result_type: "ticket" } : json;
}

/** The sort key an export cursor points after, or the 400 for a bad or expired cursor. */
function readExportCursor(raw: string | null, fake: FakeState): SortKey | Reply | undefined {
  if (raw === null) return undefined;
  const decoded = decodeCursor(raw) as { k?: unknown; t?: unknown } | undefined;
  const key = decoded?.k;
  if (
    !Array.isArray(key) ||
    typeof key[0] !== "number" ||
    typeof key[1] !== "number" ||
    typeof decoded?.t !== "number"
  ) {
    return badRequest("InvalidPaginationParameter", "page[after] is not a valid cursor");
  }
  if (fake.clock.now() - decoded.t > fake.settings.quirks.exportCursorTtlMs) {
    return badRequest("InvalidPaginationParameter", "The cursor has expired. Start the export again.");
  }
  return [key[0], key[1]];
}
