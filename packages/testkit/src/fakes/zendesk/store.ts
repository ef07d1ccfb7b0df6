/**
 * @module fakes/zendesk/store
 * The fake's in-memory account: tickets with their comments and audits, users, groups, ticket fields
 * and views. It also keeps what the search index has seen of each ticket, because Zendesk's search
 * lags behind writes and an adapter must not trust it for tickets it has just changed.
 */
import { type FakeClock, zendeskTime } from "./clock.ts";
import type { ZendeskCredentials } from "./options.ts";
import type {
  CommentSeed,
  FakeZendeskSeed,
  GroupSeed,
  TicketFieldSeed,
  TicketSeed,
  UserSeed,
  ViewSeed,
  ZendeskAudit,
  ZendeskAuditEvent,
  ZendeskComment,
  ZendeskGroup,
  ZendeskTicket,
  ZendeskTicketField,
  ZendeskUser,
  ZendeskView,
} from "./types.ts";

/** A field change that becomes a `Change` event of the audit. */
export interface PendingChange {
  field_name: string;
  value: unknown;
  previous_value: unknown;
}

/** A comment that comes with a change. */
export interface PendingComment {
  body: string;
  /** Given when the update sent `html_body`; otherwise built from `body`. */
  html_body?: string;
  public: boolean;
}

export interface ZendeskStore {
  readonly tickets: Map<number, ZendeskTicket>;
  readonly comments: Map<number, ZendeskComment[]>;
  readonly audits: Map<number, ZendeskAudit[]>;
  readonly users: Map<number, ZendeskUser>;
  readonly groups: Map<number, ZendeskGroup>;
  readonly ticketFields: Map<number, ZendeskTicketField>;
  readonly views: Map<number, ZendeskView>;
  /** Seeds everything in `seed`; seeded tickets count as long indexed (they existed before the test). */
  seed(seed: FakeZendeskSeed): void;
  /** Adds one ticket as if it had just been created: search sees it only after the indexing delay. */
  addTicket(seed: TicketSeed): ZendeskTicket;
  /**
   * Stores `next` as the new state of ticket `next.id` with an audit of `changes` (and `comment`).
   * Bumps `updated_at` strictly past its previous value. Returns `undefined` when nothing changed.
   */
  commit(
    next: ZendeskTicket,
    changes: PendingChange[],
    comment: PendingComment | undefined,
    authorId: number,
  ): ZendeskAudit | undefined;
  /** The tickets as the search index sees them `delayMs` after their last change. */
  indexedTickets(delayMs: number): ZendeskTicket[];
  groupByName(name: string): ZendeskGroup | undefined;
}

/**
 * @example
 * const store = createStore(createClock(), DEFAULT_CREDENTIALS);
 * store.seed({ groups: [{ name: "Tier 1" }], tickets: [{ subject: "Printer on fire" }] });
 */
export function createStore(clock: FakeClock, credentials: ZendeskCredentials): ZendeskStore {
  const tickets = new Map<number, ZendeskTicket>();
  const comments = new Map<number, ZendeskComment[]>();
  const audits = new Map<number, ZendeskAudit[]>();
  const users = new Map<number, ZendeskUser>();
  const groups = new Map<number, ZendeskGroup>();
  const ticketFields = new Map<number, ZendeskTicketField>();
  const views = new Map<number, ZendeskView>();
  /** Snapshots per ticket: what the search index holds from time `at` on. */
  const index = new Map<number, { at: number; ticket: ZendeskTicket }[]>();
  let nextCommentId = 1;
  let nextAuditId = 1;
  let nextEventId = 1;
  let nextOptionId = 1;

  const nextId = (map: Map<number, unknown>): number => Math.max(0, ...map.keys()) + 1;
  const nowIso = (): string => zendeskTime(clock.now());

  const apiUser: ZendeskUser = {
    id: credentials.userId,
    name: credentials.name,
    email: credentials.email,
    role: credentials.admin ? "admin" : "agent",
    active: true,
    created_at: nowIso(),
    updated_at: nowIso(),
  };
  users.set(apiUser.id, apiUser);

  function addUser(seed: UserSeed): void {
    const id = seed.id ?? nextId(users);
    const created = seed.created_at ?? nowIso();
    users.set(id, { role: "end-user", active: true, created_at: created, updated_at: created, ...seed, id });
  }

  function addGroup(seed: GroupSeed): void {
    const id = seed.id ?? nextId(groups);
    const created = seed.created_at ?? nowIso();
    groups.set(id, {
      description: "",
      default: false,
      deleted: false,
      is_public: true,
      created_at: created,
      updated_at: created,
      ...seed,
      id,
    });
  }

  function addField(seed: TicketFieldSeed): void {
    const id = seed.id ?? nextId(ticketFields);
    const created = seed.created_at ?? nowIso();
    const { custom_field_options: options, ...rest } = seed;
    const field: ZendeskTicketField = {
      raw_title: seed.title,
      description: "",
      active: true,
      required: false,
      position: ticketFields.size + 1,
      created_at: created,
      updated_at: created,
      ...rest,
      id,
    };
    if (options) {
      field.custom_field_options = options.map((option) => ({
        id: option.id ?? nextOptionId++,
        raw_name: option.name,
        default: false,
        ...option,
      }));
    }
    ticketFields.set(id, field);
  }

  function addView(seed: ViewSeed): void {
    const id = seed.id ?? nextId(views);
    const created = seed.created_at ?? nowIso();
    views.set(id, {
      active: true,
      position: views.size + 1,
      execution: { sort_by: "id", sort_order: "asc" },
      created_at: created,
      updated_at: created,
      ...seed,
      conditions: { all: seed.conditions.all ?? [], any: seed.conditions.any ?? [] },
      id,
    });
  }

  function insertTicket(seed: TicketSeed, indexedAt: number): ZendeskTicket {
    const id = seed.id ?? nextId(tickets);
    if (tickets.has(id)) throw new Error(`ticket ${id} exists already`);
    const created = seed.created_at ?? nowIso();
    const { comments: commentSeeds, description, ...fields } = seed;
    const firstBody = description ?? fields.subject ?? "";
    const seeds: CommentSeed[] = commentSeeds && commentSeeds.length > 0 ? commentSeeds : [{ body: firstBody }];
    const authorOf = (c: CommentSeed): number => c.author_id ?? fields.requester_id ?? credentials.userId;
    const thread = seeds.map((c) => makeComment(c, authorOf(c), c.created_at ?? created));
    const ticket: ZendeskTicket = {
      external_id: null,
      type: null,
      subject: null,
      raw_subject: fields.subject ?? null,
      priority: null,
      status: "new",
      // The spec types `recipient` as a string (not nullable), so the fake always has one.
      recipient: "support@fake-zendesk.test",
      requester_id: null,
      submitter_id: null,
      assignee_id: null,
      organization_id: null,
      group_id: null,
      brand_id: null,
      collaborator_ids: [],
      follower_ids: [],
      email_cc_ids: [],
      problem_id: null,
      has_incidents: false,
      due_at: null,
      tags: [],
      custom_fields: [],
      ticket_form_id: null,
      via: { channel: "web", source: {} },
      ...fields,
      id,
      created_at: created,
      updated_at: fields.updated_at ?? created,
      description: thread[0]?.plain_body ?? "",
      is_public: thread.some((c) => c.public),
    };
    tickets.set(id, ticket);
    comments.set(id, thread);
    audits.set(id, []);
    index.set(id, [{ at: indexedAt, ticket: structuredClone(ticket) }]);
    return ticket;
  }

  function makeComment(seed: CommentSeed, authorId: number, createdAt: string, auditId = 0): ZendeskComment {
    const html = seed.html_body ?? `<div class="zd-comment"><p>${escapeHtml(seed.body ?? "")}</p></div>`;
    const plain = seed.body ?? stripHtml(seed.html_body ?? "");
    return {
      id: nextCommentId++,
      type: "Comment",
      author_id: authorId,
      body: plain,
      html_body: html,
      plain_body: plain,
      public: seed.public ?? true,
      attachments: [],
      audit_id: auditId,
      via: { channel: "api", source: {} },
      metadata: { system: {}, custom: {} },
      created_at: createdAt,
    };
  }

  /** Zendesk times have whole seconds, so two changes in one second would tie; the second one moves a second on. */
  function nextStamp(previous: string): string {
    const now = Math.floor(clock.now() / 1000) * 1000;
    return zendeskTime(Math.max(now, Date.parse(previous) + 1000));
  }

  return {
    tickets,
    comments,
    audits,
    users,
    groups,
    ticketFields,
    views,
    seed(seed) {
      for (const user of seed.users ?? []) addUser(user);
      for (const group of seed.groups ?? []) addGroup(group);
      for (const field of seed.ticketFields ?? []) addField(field);
      for (const view of seed.views ?? []) addView(view);
      for (const ticket of seed.tickets ?? []) insertTicket(ticket, Number.NEGATIVE_INFINITY);
    },
    addTicket: (seed) => insertTicket(seed, clock.now()),
    commit(next, changes, comment, authorId) {
      const previous = tickets.get(next.id);
      if (!previous) throw new Error(`ticket ${next.id} does not exist`);
      if (changes.length === 0 && !comment) return undefined;
      const stamp = nextStamp(previous.updated_at);
      const auditId = nextAuditId++;
      const thread = comments.get(next.id) ?? [];
      const auditEvents: ZendeskAuditEvent[] = changes.map((change) => ({
        id: nextEventId++,
        type: "Change",
        ...change,
      }));
      const stored: ZendeskTicket = { ...next, updated_at: stamp };
      if (comment) {
        const made = makeComment(comment, authorId, stamp, auditId);
        thread.push(made);
        // Zendesk lists the comment before the field changes (see the spec's Update Ticket example).
        auditEvents.unshift({
          id: nextEventId++,
          type: "Comment",
          body: made.body,
          html_body: made.html_body,
          plain_body: made.plain_body,
          public: made.public,
          author_id: authorId,
        });
        stored.is_public = thread.some((c) => c.public);
      }
      const audit: ZendeskAudit = {
        id: auditId,
        ticket_id: next.id,
        created_at: stamp,
        author_id: authorId,
        via: { channel: "api", source: {} },
        metadata: { system: {}, custom: {} },
        events: auditEvents,
      };
      tickets.set(next.id, stored);
      comments.set(next.id, thread);
      audits.get(next.id)?.push(audit);
      index.get(next.id)?.push({ at: clock.now(), ticket: structuredClone(stored) });
      return audit;
    },
    indexedTickets(delayMs) {
      const horizon = clock.now() - delayMs;
      const seen: ZendeskTicket[] = [];
      for (const snapshots of index.values()) {
        let latest: number | undefined;
        for (const [position, snapshot] of snapshots.entries()) if (snapshot.at <= horizon) latest = position;
        if (latest === undefined) continue;
        // Older snapshots can never be seen again: drop them so the history stays short.
        snapshots.splice(0, latest);
        const current = snapshots[0];
        if (current) seen.push(current.ticket);
      }
      return seen;
    },
    groupByName(name) {
      const wanted = name.toLowerCase();
      return [...groups.values()].find((group) => group.name.toLowerCase() === wanted);
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Plain text of an `html_body`, good enough for the fake: tags dropped, entities for &, <, > undone. */
export function stripHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();
}
