/**
 * @module fakes/zendesk/routes
 * Every endpoint the fake serves. Anything else answers 404 `InvalidEndpoint`, as Zendesk does.
 */
import { listComments } from "./handlers/comments.ts";
import { listGroups, listTicketFields, listViews, showCurrentUser, showUser } from "./handlers/directory.ts";
import { incrementalTickets } from "./handlers/incremental.ts";
import { exportSearch, search } from "./handlers/search.ts";
import { listTickets, showManyTickets, showTicket } from "./handlers/tickets.ts";
import { showJobStatus, updateManyTickets, updateTicket } from "./handlers/updates.ts";
import { viewTickets } from "./handlers/views.ts";
import type { Route } from "./router.ts";

export const ROUTES: readonly Route[] = [
  { method: "GET", pattern: "/api/v2/tickets", handler: listTickets },
  { method: "GET", pattern: "/api/v2/tickets/show_many", handler: showManyTickets },
  { method: "PUT", pattern: "/api/v2/tickets/update_many", handler: updateManyTickets },
  { method: "GET", pattern: "/api/v2/tickets/:id", handler: showTicket },
  { method: "PUT", pattern: "/api/v2/tickets/:id", handler: updateTicket, bucket: "updateTicket" },
  { method: "GET", pattern: "/api/v2/tickets/:id/comments", handler: listComments },
  { method: "GET", pattern: "/api/v2/job_statuses/:id", handler: showJobStatus },
  { method: "GET", pattern: "/api/v2/search", handler: search },
  { method: "GET", pattern: "/api/v2/search/export", handler: exportSearch, bucket: "searchExport" },
  {
    method: "GET",
    pattern: "/api/v2/incremental/tickets/cursor",
    handler: incrementalTickets,
    bucket: "incremental",
    adminOnly: true,
  },
  { method: "GET", pattern: "/api/v2/views", handler: listViews },
  { method: "GET", pattern: "/api/v2/views/:id/tickets", handler: viewTickets },
  { method: "GET", pattern: "/api/v2/groups", handler: listGroups },
  { method: "GET", pattern: "/api/v2/ticket_fields", handler: listTicketFields },
  { method: "GET", pattern: "/api/v2/users/me", handler: showCurrentUser },
  { method: "GET", pattern: "/api/v2/users/:id", handler: showUser },
];
