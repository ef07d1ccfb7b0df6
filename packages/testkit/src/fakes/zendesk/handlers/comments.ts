/**
 * @module fakes/zendesk/handlers/comments
 * `GET /api/v2/tickets/{id}/comments`: oldest first by default; cursor pagination sorts with
 * `sort=created_at|-created_at`, offset pagination with `sort_order=asc|desc`. The first comment is
 * the ticket's description.
 */
import { type PagedList, paginate, sortByKey, wantsCursor } from "../pagination.ts";
import { recordNotFound } from "../reply.ts";
import { type Handler, numericParam } from "../router.ts";
import type { ZendeskComment } from "../types.ts";

export const listComments: Handler = (request, fake) => {
  const id = numericParam(request.params.id);
  const thread = id === undefined ? undefined : fake.store.comments.get(id);
  if (!thread) return recordNotFound();
  const { query } = request;
  const descending = wantsCursor(query) ? query.get("sort") === "-created_at" : query.get("sort_order") === "desc";
  const sortKey = (comment: ZendeskComment): [number, number] => [Date.parse(comment.created_at), comment.id];
  const list: PagedList<ZendeskComment> = {
    key: "comments",
    items: sortByKey(thread, sortKey, descending),
    sortKey,
    descending,
    render: (comment) => structuredClone(comment),
  };
  return paginate(
    list,
    { baseUrl: fake.baseUrl, path: request.path, query },
    fake.settings.quirks,
    fake.settings.offsetRecordLimit,
  );
};
