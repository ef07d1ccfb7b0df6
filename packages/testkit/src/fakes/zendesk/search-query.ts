/**
 * @module fakes/zendesk/search-query
 * A small subset of Zendesk's search language, enough for ticket routing: `type:ticket`,
 * `status:open`, `status<solved` (any of `: < > <= >=` on new<open<pending<hold<solved<closed),
 * `priority>=high`, `ticket_type:incident`, `group:"Tier 1"`, `group_id:5`, `assignee_id:`,
 * `requester_id:`, `organization_id:`, `tags:billing`, `subject:` and `description:` (with `*`
 * as a trailing wildcard), `custom_field_123:value`, `created>2024-01-01`, `updated>=2024-01-01T10:00:00Z`,
 * `updated>24hours`, free words, a leading `-` to negate, and `order_by:`/`sort:` inside the query.
 * Several values of one key (`status:new status:open`) match any of them; different keys must all hold.
 */
import { TICKET_PRIORITIES, TICKET_STATUSES, type ZendeskGroup, type ZendeskTicket } from "./types.ts";

export type SearchOperator = ":" | "<" | ">" | "<=" | ">=";

export type SearchTerm =
  | { kind: "field"; negate: boolean; key: string; op: SearchOperator; value: string }
  | { kind: "text"; negate: boolean; value: string };

export interface SearchQuery {
  /** The `type:` keyword, lower-cased; `null` when the query names none. */
  type: string | null;
  terms: SearchTerm[];
  orderBy: string | null;
  sort: "asc" | "desc" | null;
}

/** What matching needs besides the ticket. */
export interface SearchContext {
  now: number;
  groupByName: (name: string) => ZendeskGroup | undefined;
}

const TOKEN = /(-?)([A-Za-z_][\w.]*)(<=|>=|:|<|>)(?:"([^"]*)"|(\S*))|(-?)"([^"]*)"|(\S+)/g;

/**
 * @example
 * parseSearchQuery('type:ticket status<solved group:"Tier 1"').terms.length; // 2
 */
export function parseSearchQuery(query: string): SearchQuery {
  const parsed: SearchQuery = { type: null, terms: [], orderBy: null, sort: null };
  for (const match of query.matchAll(TOKEN)) {
    const [, negate, key, op, quoted, bare, textNegate, phrase, word] = match;
    if (key !== undefined && op !== undefined) {
      const value = quoted ?? bare ?? "";
      const lower = key.toLowerCase();
      if (lower === "type" && op === ":") parsed.type = value.toLowerCase();
      else if (lower === "order_by" && op === ":") parsed.orderBy = value;
      else if (lower === "sort" && op === ":") parsed.sort = value === "asc" ? "asc" : "desc";
      else parsed.terms.push({ kind: "field", negate: negate === "-", key: lower, op: op as SearchOperator, value });
    } else if (phrase !== undefined) {
      parsed.terms.push({ kind: "text", negate: textNegate === "-", value: phrase });
    } else if (word !== undefined) {
      const negated = word.startsWith("-") && word.length > 1;
      parsed.terms.push({ kind: "text", negate: negated, value: negated ? word.slice(1) : word });
    }
  }
  return parsed;
}

/**
 * True when `ticket` satisfies every term of `query`.
 *
 * @example
 * matchesQuery(ticket, parseSearchQuery("status<solved tags:vip"), { now: Date.now(), groupByName });
 */
export function matchesQuery(ticket: ZendeskTicket, query: SearchQuery, context: SearchContext): boolean {
  if (query.type !== null && query.type !== "ticket") return false;
  // Positive `key:value` terms of one key are alternatives; everything else must hold on its own.
  const alternatives = new Map<string, SearchTerm[]>();
  for (const term of query.terms) {
    if (term.kind === "field" && term.op === ":" && !term.negate) {
      alternatives.set(term.key, [...(alternatives.get(term.key) ?? []), term]);
    } else if (matchesTerm(ticket, term, context) === term.negate) {
      return false;
    }
  }
  for (const terms of alternatives.values()) {
    if (!terms.some((term) => matchesTerm(ticket, term, context))) return false;
  }
  return true;
}

/** Whether the term's condition holds, ignoring its negation. */
function matchesTerm(ticket: ZendeskTicket, term: SearchTerm, context: SearchContext): boolean {
  if (term.kind === "text") return textOf(ticket).includes(term.value.toLowerCase());
  const { key, op, value } = term;
  switch (key) {
    case "status":
      return compareOrdinal(TICKET_STATUSES.indexOf(ticket.status), TICKET_STATUSES.indexOf(value as never), op);
    case "priority":
      return compareOrdinal(rank(TICKET_PRIORITIES, ticket.priority), rank(TICKET_PRIORITIES, value), op);
    case "ticket_type":
      return op === ":" && equalsOrNone(ticket.type, value);
    case "group": {
      if (op !== ":") return false;
      if (value.toLowerCase() === "none") return ticket.group_id === null;
      const group = context.groupByName(value) ?? (/^\d+$/.test(value) ? { id: Number(value) } : undefined);
      return group !== undefined && ticket.group_id === group.id;
    }
    case "group_id":
    case "assignee_id":
    case "requester_id":
    case "organization_id":
    case "brand_id":
      return op === ":" && equalsOrNone(ticket[key], value);
    case "tags":
    case "tag":
      return op === ":" && ticket.tags.some((tag) => wildcard(tag, value));
    case "subject":
      return op === ":" && wildcard(ticket.subject ?? "", value, true);
    case "description":
      return op === ":" && wildcard(ticket.description, value, true);
    case "created":
    case "updated":
      return compareTime(Date.parse(key === "created" ? ticket.created_at : ticket.updated_at), value, op, context.now);
    default: {
      const field = /^custom_field_(\d+)$/.exec(key);
      if (field && op === ":") {
        const entry = ticket.custom_fields.find((f) => f.id === Number(field[1]));
        const stored = entry?.value;
        if (Array.isArray(stored)) return stored.some((v) => wildcard(v, value));
        return stored !== undefined && stored !== null && wildcard(String(stored), value);
      }
      // An unknown keyword is searched as text, as Zendesk does with words it does not know.
      return textOf(ticket).includes(`${key}${op}${value}`.toLowerCase());
    }
  }
}

function textOf(ticket: ZendeskTicket): string {
  return `${ticket.subject ?? ""}\n${ticket.description}`.toLowerCase();
}

function rank(order: readonly string[], value: string | null): number {
  return value === null ? -1 : order.indexOf(value.toLowerCase());
}

function compareOrdinal(actual: number, wanted: number, op: SearchOperator): boolean {
  if (wanted < 0) return false;
  switch (op) {
    case ":":
      return actual === wanted;
    case "<":
      return actual >= 0 && actual < wanted;
    case "<=":
      return actual >= 0 && actual <= wanted;
    case ">":
      return actual > wanted;
    case ">=":
      return actual >= wanted;
  }
}

function equalsOrNone(actual: string | number | null, value: string): boolean {
  if (value.toLowerCase() === "none") return actual === null;
  return actual !== null && String(actual).toLowerCase() === value.toLowerCase();
}

/** Case-insensitive equality, a trailing `*` making it a prefix match; `contains` matches inside text. */
function wildcard(actual: string, pattern: string, contains = false): boolean {
  const a = actual.toLowerCase();
  const p = pattern.toLowerCase();
  if (p.endsWith("*"))
    return contains ? a.split(/\s+/).some((w) => w.startsWith(p.slice(0, -1))) : a.startsWith(p.slice(0, -1));
  return contains ? a.includes(p) : a === p;
}

const UNIT_MS: Record<string, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  month: 2_592_000_000,
  year: 31_536_000_000,
};

/**
 * The span a date value stands for: a day for `2024-01-01`, a second for a date-time, an instant for
 * `24hours` (that long before now). `created>2024-01-01` then means "after that day".
 */
function timeSpan(value: string, now: number): [number, number] | undefined {
  const relative = /^(\d+)(minute|hour|day|week|month|year)s?$/i.exec(value);
  if (relative) {
    const point = now - Number(relative[1]) * (UNIT_MS[(relative[2] ?? "").toLowerCase()] ?? 0);
    return [point, point + 1];
  }
  const start = Date.parse(value);
  if (Number.isNaN(start)) return undefined;
  return [start, start + (/^\d{4}-\d{2}-\d{2}$/.test(value) ? 86_400_000 : 1000)];
}

function compareTime(actual: number, value: string, op: SearchOperator, now: number): boolean {
  const span = timeSpan(value, now);
  if (!span) return false;
  const [start, end] = span;
  switch (op) {
    case ":":
      return actual >= start && actual < end;
    case ">":
      return actual >= end;
    case ">=":
      return actual >= start;
    case "<":
      return actual < start;
    case "<=":
      return actual < end;
  }
}
