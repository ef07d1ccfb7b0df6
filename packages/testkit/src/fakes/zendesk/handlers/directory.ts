/**
 * @module fakes/zendesk/handlers/directory
 * The account's reference data an adapter looks up: groups (its queues), ticket fields (drop-down
 * options for custom fields), views, and users (`/users/me` to check credentials).
 */
import { type PagedList, paginate, type SortKey } from "../pagination.ts";
import { groupJson, ticketFieldJson, userJson, viewJson } from "../render.ts";
import { jsonReply, type Reply, recordNotFound } from "../reply.ts";
import { type FakeState, type Handler, type HandlerRequest, numericParam } from "../router.ts";

/** Pages resources that have an `id`, in id order. */
function byId<T extends { id: number }>(
  request: HandlerRequest,
  fake: FakeState,
  key: string,
  items: T[],
  render: (item: T) => unknown,
): Reply {
  const sortKey = (item: T): SortKey => [item.id, item.id];
  const list: PagedList<T> = { key, items: [...items].sort((a, b) => a.id - b.id), sortKey, descending: false, render };
  return paginate(
    list,
    { baseUrl: fake.baseUrl, path: request.path, query: request.query },
    fake.settings.quirks,
    fake.settings.offsetRecordLimit,
  );
}

export const listGroups: Handler = (request, fake) =>
  byId(
    request,
    fake,
    "groups",
    [...fake.store.groups.values()].filter((g) => !g.deleted),
    (g) => groupJson(g, fake.baseUrl),
  );

export const listTicketFields: Handler = (request, fake) =>
  byId(request, fake, "ticket_fields", [...fake.store.ticketFields.values()], (f) => ticketFieldJson(f, fake.baseUrl));

export const listViews: Handler = (request, fake) =>
  byId(request, fake, "views", [...fake.store.views.values()], (v) => viewJson(v, fake.baseUrl));

export const showCurrentUser: Handler = (request, fake) => {
  const user = fake.store.users.get(request.caller.userId);
  return user ? jsonReply(200, { user: userJson(user, fake.baseUrl) }) : recordNotFound();
};

export const showUser: Handler = (request, fake) => {
  const id = numericParam(request.params.id);
  const user = id === undefined ? undefined : fake.store.users.get(id);
  return user ? jsonReply(200, { user: userJson(user, fake.baseUrl) }) : recordNotFound();
};
