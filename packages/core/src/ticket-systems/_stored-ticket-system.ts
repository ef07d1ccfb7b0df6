/**
 * @module ticket-systems/stored-ticket-system
 * The TicketSystem semantics that the in-memory and the JSONL system share: search, update, notes,
 * validation against the help desk's options and versioning. Each system only supplies a
 * {@link TicketStore}, so the two can never drift apart in behaviour.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import {
  entityMatches,
  type TicketSearchCriteria,
  TicketSearchCriteriaSchema,
  type TicketUpdate,
  TicketUpdateSchema,
  type UnifiedEntity,
  type UnifiedNote,
  UnifiedNoteSchema,
  type UnifiedTicket,
  UnifiedTicketSchema,
} from "../contracts/ticket.ts";
import type { FieldOption, HelpDeskOptions, TicketPage, TicketSystem } from "../contracts/ticket-system.ts";
import { OtaiError } from "../errors.ts";

/** What a seed ticket may look like before parsing (ids may be numbers, defaults may be missing). */
export type UnifiedTicketInput = z.input<typeof UnifiedTicketSchema>;

/** A ticket as stored: for JSONL the raw JSON object, so fields and key order survive a rewrite. */
export type TicketRecord = Record<string, unknown>;

export interface StoredTicket {
  readonly record: TicketRecord;
  /** `record` parsed with {@link UnifiedTicketSchema}. Shared with the store: copy before handing out. */
  readonly ticket: UnifiedTicket;
}

/** The storage a system is built on. Implementations never mutate a StoredTicket they handed out. */
export interface TicketStore {
  /** The tickets in their stored order. */
  list(): Promise<readonly StoredTicket[]>;
  /**
   * Replaces the ticket `id` by `next(current)` and persists it, with no other write in between.
   * Returns false when there is no such ticket. When `next` throws, nothing changes.
   */
  replace(id: string, next: (current: StoredTicket) => StoredTicket): Promise<boolean>;
}

/** A custom field as configured; like {@link FieldOption} but tolerant of zod's `undefined` optionals. */
export interface ConfiguredField {
  id: string;
  name: string;
  type: string;
  options?: readonly string[] | undefined;
}

/** What the help desk accepts. A list that is absent or empty accepts anything. */
export interface HelpDeskConfig {
  queues?: readonly UnifiedEntity[] | undefined;
  priorities?: readonly UnifiedEntity[] | undefined;
  types?: readonly string[] | undefined;
  statuses?: readonly string[] | undefined;
  fields?: readonly ConfiguredField[] | undefined;
}

/**
 * Builds a TicketSystem over a store.
 *
 * @example
 * const store: TicketStore = { list: async () => entries, replace: async () => false };
 * const system = createStoredTicketSystem(store, { queues: [{ id: "1", name: "Support" }] });
 */
export function createStoredTicketSystem(store: TicketStore, config: HelpDeskConfig = {}): TicketSystem {
  // One edit path for update and addNote, so both bump the version and re-validate the same way.
  const edit = (id: string, change: (draft: TicketRecord, current: UnifiedTicket, at: string) => void) =>
    store.replace(String(id), (current) => {
      const draft = structuredClone(current.record);
      const at = nextTimestamp(current.ticket.updated_at);
      change(draft, current.ticket, at);
      draft.updated_at = at;
      return { record: draft, ticket: parseTicket(draft, `ticket ${id} after the change`) };
    });

  return {
    async find(criteria) {
      const parsed = parseInput(TicketSearchCriteriaSchema, criteria, "search criteria");
      // Ignoring the view would silently return tickets it does not contain.
      if (parsed.view !== undefined)
        invalid(`this help desk has no views (asked for view ${parsed.view})`, { field: "view" });
      const offset = parsed.cursor === undefined ? parsed.offset : decodeCursor(parsed.cursor);
      const found = (await store.list())
        .map((entry) => entry.ticket)
        .filter((ticket) => matchesCriteria(ticket, parsed));
      const end = offset + parsed.limit;
      const page: TicketPage = { tickets: found.slice(offset, end).map((ticket) => structuredClone(ticket)) };
      if (end < found.length) page.next_cursor = encodeCursor(end);
      return page;
    },

    async get(id) {
      const entry = (await store.list()).find((candidate) => candidate.ticket.id === String(id));
      return entry === undefined ? null : structuredClone(entry.ticket);
    },

    update(id, changes, options) {
      return edit(id, (draft, current, at) => {
        const parsed = parseInput(TicketUpdateSchema, changes, `the update of ticket ${id}`);
        validateUpdate(parsed, config);
        const expected = options?.expectedVersion;
        if (expected !== undefined && expected !== (current.updated_at ?? "")) {
          throw new OtaiError(
            "OTAI_HELPDESK_CONFLICT",
            `ticket ${id} changed since version ${expected}; it is now at ${current.updated_at ?? "(no version)"}`,
            { details: { id, expectedVersion: expected, actualVersion: current.updated_at ?? null } },
          );
        }
        applyUpdate(draft, current, parsed, at, config);
        if (options?.receipt) options.receipt.version = at;
      });
    },

    addNote(id, note, options) {
      return edit(id, (draft, _current, at) => {
        const parsed = parseInput(UnifiedNoteSchema, note, `the note on ticket ${id}`);
        appendNotes(draft, [stampNote(parsed, options?.internal ?? parsed.internal, at)]);
      });
    },

    async options() {
      const tickets = (await store.list()).map((entry) => entry.ticket);
      const distinct = (values: (string | null | undefined)[]) => [
        ...new Set(values.filter((value): value is string => typeof value === "string")),
      ];
      return {
        queues: configured(config.queues) ?? distinctEntities(tickets.map((ticket) => ticket.queue)),
        priorities: configured(config.priorities) ?? distinctEntities(tickets.map((ticket) => ticket.priority)),
        types: configured(config.types) ?? distinct(tickets.map((ticket) => ticket.type)),
        statuses: configured(config.statuses) ?? distinct(tickets.map((ticket) => ticket.status)),
        fields: (config.fields ?? []).map(toFieldOption),
      } satisfies HelpDeskOptions;
    },
  };
}

/**
 * Parses a stored or seeded ticket, turning schema errors into OTAI_TICKET_INVALID naming `where`.
 *
 * @example
 * const ticket = parseTicket({ id: 7, subject: "Drucker" }, "tickets.jsonl:3"); // ticket.id === "7"
 */
export function parseTicket(value: unknown, where: string): UnifiedTicket {
  const result = UnifiedTicketSchema.safeParse(value);
  if (!result.success) {
    throw new OtaiError("OTAI_TICKET_INVALID", `${where}: ${describeIssues(result.error)}`, {
      cause: result.error,
      details: { where },
    });
  }
  return result.data;
}

/**
 * Throws OTAI_TICKET_INVALID when two tickets share an id: `get` and `update` could not tell them apart.
 *
 * @example
 * assertUniqueIds([{ id: "1", where: "line 1" }, { id: "2", where: "line 2" }]);
 */
export function assertUniqueIds(items: readonly { id: string; where: string }[]): void {
  const seen = new Map<string, string>();
  for (const { id, where } of items) {
    const first = seen.get(id);
    if (first !== undefined) {
      throw new OtaiError("OTAI_TICKET_INVALID", `${where}: ticket id ${id} is already used at ${first}`, {
        details: { id, where, first },
      });
    }
    seen.set(id, where);
  }
}

/**
 * The next version for a ticket: now, or 1 ms after `previous` when the clock has not moved past it,
 * so every write changes `updated_at` even within one millisecond or after a clock step back.
 *
 * @example
 * nextTimestamp("2999-01-01T00:00:00.000Z"); // "2999-01-01T00:00:00.001Z"
 */
export function nextTimestamp(previous: string | null | undefined): string {
  const now = Date.now();
  const before = previous ? Date.parse(previous) : Number.NaN;
  return new Date(Number.isFinite(before) && before >= now ? before + 1 : now).toISOString();
}

function matchesCriteria(ticket: UnifiedTicket, criteria: TicketSearchCriteria): boolean {
  if (criteria.queue !== undefined && !entityMatches(ticket.queue, criteria.queue)) return false;
  const statuses = typeof criteria.status === "string" ? [criteria.status] : (criteria.status ?? []);
  // An empty list is "no status filter", as a rendered template that produced no statuses means.
  if (statuses.length > 0 && (typeof ticket.status !== "string" || !statuses.includes(ticket.status))) return false;
  if (criteria.updated_since !== undefined && !isAtOrAfter(ticket.updated_at, criteria.updated_since)) return false;
  return true;
}

// Inclusive, so a poller that remembers the last updated_at it saw never misses a ticket written in that
// same instant; it sees that one ticket twice instead. Compares instants when both parse, text otherwise.
function isAtOrAfter(value: string | null | undefined, since: string): boolean {
  if (typeof value !== "string") return false;
  const [a, b] = [Date.parse(value), Date.parse(since)];
  return Number.isFinite(a) && Number.isFinite(b) ? a >= b : value >= since;
}

// The cursor is an offset, wrapped so callers treat it as opaque and adapters can change it later.
function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64url");
}

function decodeCursor(cursor: string): number {
  try {
    const offset: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")).offset;
    if (typeof offset === "number" && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the error below: a cursor we did not issue.
  }
  throw new OtaiError("OTAI_HELPDESK_INVALID", `cursor ${JSON.stringify(cursor)} was not issued by this help desk`, {
    details: { cursor },
  });
}

function applyUpdate(
  draft: TicketRecord,
  current: UnifiedTicket,
  changes: TicketUpdate,
  at: string,
  config: HelpDeskConfig,
): void {
  // Assigning to the draft keeps each existing key in its place, so a JSONL line keeps its key order.
  if (changes.subject !== undefined) draft.subject = changes.subject;
  if (changes.type !== undefined) draft.type = changes.type;
  if (changes.status !== undefined) draft.status = changes.status;
  if (changes.queue !== undefined) draft.queue = resolveEntity(changes.queue, config.queues);
  if (changes.priority !== undefined) draft.priority = resolveEntity(changes.priority, config.priorities);
  if (changes.tags !== undefined || changes.add_tags !== undefined || changes.remove_tags !== undefined) {
    const removed = new Set(changes.remove_tags ?? []);
    const tags = new Set([...(changes.tags ?? current.tags), ...(changes.add_tags ?? [])]);
    draft.tags = [...tags].filter((tag) => !removed.has(tag));
  }
  if (changes.custom_fields !== undefined) {
    draft.custom_fields = { ...(isRecord(draft.custom_fields) ? draft.custom_fields : {}), ...changes.custom_fields };
  }
  if (changes.notes !== undefined && changes.notes.length > 0) {
    appendNotes(
      draft,
      changes.notes.map((note) => stampNote(note, note.internal, at)),
    );
  }
}

// A queue set by name alone is stored as the help desk knows it (id and name), so a later search by id
// finds it, as it would in a real help desk.
function resolveEntity(value: UnifiedEntity, allowed?: readonly UnifiedEntity[]): UnifiedEntity {
  const known = allowed?.find((entity) => entityMatches(entity, value));
  return known ? { ...known } : { ...value };
}

function appendNotes(draft: TicketRecord, notes: UnifiedNote[]): void {
  draft.notes = [...(Array.isArray(draft.notes) ? draft.notes : []), ...notes];
}

// The help desk owns note ids and creation times, as real ones do; a caller's values are replaced.
function stampNote(note: UnifiedNote, internal: boolean, at: string): UnifiedNote {
  return { ...note, id: randomUUID(), internal, created_at: at };
}

function validateUpdate(changes: TicketUpdate, config: HelpDeskConfig): void {
  if (changes.queue !== undefined) checkEntity("queue", "queues", changes.queue, config.queues);
  if (changes.priority !== undefined) checkEntity("priority", "priorities", changes.priority, config.priorities);
  if (changes.type !== undefined) checkValue("type", "types", changes.type, config.types);
  if (changes.status !== undefined) checkValue("status", "statuses", changes.status, config.statuses);
  if (changes.custom_fields !== undefined) checkFields(changes.custom_fields, config.fields);
}

function checkEntity(label: string, plural: string, value: UnifiedEntity, allowed?: readonly UnifiedEntity[]): void {
  // entityMatches treats an empty reference as a wildcard, which would silently clear the field.
  if (value.id === undefined && value.name === undefined) invalid(`a ${label} needs an id or a name`, { field: label });
  if (allowed === undefined || allowed.length === 0) return;
  if (allowed.some((known) => entityMatches(known, value))) return;
  invalid(
    `unknown ${label} ${describeEntity(value)}; the help desk's ${plural} are ${listOf(allowed, describeEntity)}`,
    {
      field: label,
      value,
      allowed,
    },
  );
}

function checkValue(label: string, plural: string, value: string, allowed?: readonly string[]): void {
  if (allowed === undefined || allowed.length === 0 || allowed.includes(value)) return;
  invalid(`unknown ${label} ${JSON.stringify(value)}; the help desk's ${plural} are ${listOf(allowed, quote)}`, {
    field: label,
    value,
    allowed,
  });
}

function checkFields(values: Record<string, unknown>, fields?: readonly ConfiguredField[]): void {
  if (fields === undefined || fields.length === 0) return;
  for (const [key, value] of Object.entries(values)) {
    const field = fields.find((candidate) => candidate.id === key || candidate.name === key);
    if (field === undefined) {
      invalid(
        `unknown custom field ${quote(key)}; the help desk's fields are ${listOf(fields, (f) => quote(f.name))}`,
        {
          field: key,
          allowed: fields.map((f) => f.name),
        },
      );
    }
    const options = field.options ?? [];
    // null clears a field; lists are multi-select fields, whose every entry must be an option.
    const chosen = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
    const bad = chosen.find((entry) => options.length > 0 && !options.includes(String(entry)));
    if (bad !== undefined) {
      invalid(`custom field ${quote(key)} has no option ${JSON.stringify(bad)}; it has ${listOf(options, quote)}`, {
        field: key,
        value: bad,
        allowed: options,
      });
    }
  }
}

function invalid(message: string, details: Record<string, unknown>): never {
  throw new OtaiError("OTAI_HELPDESK_INVALID", message, { details });
}

function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new OtaiError("OTAI_HELPDESK_INVALID", `${what} is invalid: ${describeIssues(result.error)}`, {
      cause: result.error,
    });
  }
  return result.data;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
}

function configured<T>(list: readonly T[] | undefined): T[] | undefined {
  return list !== undefined && list.length > 0 ? structuredClone([...list]) : undefined;
}

function distinctEntities(entities: (UnifiedEntity | undefined)[]): UnifiedEntity[] {
  const found = new Map<string, UnifiedEntity>();
  for (const entity of entities) {
    if (entity === undefined || (entity.id === undefined && entity.name === undefined)) continue;
    const key = entity.id !== undefined ? `id:${entity.id}` : `name:${entity.name}`;
    if (!found.has(key)) found.set(key, structuredClone(entity));
  }
  return [...found.values()];
}

function toFieldOption(field: ConfiguredField): FieldOption {
  const { options, ...rest } = field;
  return options === undefined ? { ...rest } : { ...rest, options: [...options] };
}

function describeEntity(entity: UnifiedEntity): string {
  if (entity.name !== undefined && entity.id !== undefined) return `${quote(entity.name)} (id ${entity.id})`;
  return entity.name !== undefined ? quote(entity.name) : `id ${entity.id}`;
}

function listOf<T>(items: readonly T[], describe: (item: T) => string): string {
  return items.map(describe).join(", ");
}

function quote(value: string): string {
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
