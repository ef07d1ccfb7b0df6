/**
 * @module contracts/ticket-system
 * The contract every help-desk adapter implements. Conformance is checked by the shared suite in
 * `@otai/testkit` (`runTicketSystemConformance`).
 */
import type {
  TicketSearchCriteria,
  TicketUpdate,
  UnifiedEntity,
  UnifiedNote,
  UnifiedNoteInput,
  UnifiedTicket,
} from "./ticket.ts";

/** One page of search results. `next_cursor` is absent on the last page. */
export interface TicketPage {
  tickets: UnifiedTicket[];
  next_cursor?: string;
}

/** A custom field and, for drop-downs, the values the help desk accepts. */
export interface FieldOption {
  id: string;
  name: string;
  type: string;
  options?: string[];
}

/** What the help desk accepts, so writes can be checked before they are sent. */
export interface HelpDeskOptions {
  queues: UnifiedEntity[];
  priorities: UnifiedEntity[];
  types: string[];
  statuses: string[];
  fields: FieldOption[];
}

export interface UpdateOptions {
  /** The ticket version (`updated_at` or revision) the change was decided on; adapters that can, refuse a stale write. */
  expectedVersion?: string;
  /**
   * Filled in by adapters that learn the ticket's new version from the write's response, so the engine's
   * ledger can tell its own change from a later one by the customer without another read.
   */
  receipt?: UpdateReceipt;
}

/** What a write reports back through {@link UpdateOptions.receipt}. */
export interface UpdateReceipt {
  version?: string;
}

/** A help-desk event received on the engine's webhook endpoint, reduced to what triggers processing. */
export interface TicketEvent {
  ticketId: string;
  /** The help desk's id of the event or delivery, for ignoring duplicate deliveries. */
  eventId?: string;
  kind: "created" | "updated";
}

/** The raw webhook request, exactly as received: signatures are computed over the raw bytes. */
export interface WebhookRequest {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  rawBody: Buffer;
}

export interface NoteOptions {
  /** Defaults to true. A public note is visible to the customer. */
  internal?: boolean;
}

/** One ticket's change in a bulk update. */
export interface BulkUpdateItem {
  id: string;
  changes: TicketUpdate;
  expectedVersion?: string;
}

/** The outcome for one ticket of a bulk update; a failure never hides the others. */
export interface BulkUpdateResult {
  id: string;
  ok: boolean;
  /** An OtaiError code, e.g. OTAI_HELPDESK_CONFLICT, when `ok` is false. */
  code?: string;
  message?: string;
}

/**
 * A help desk. Ids are strings on this side, whatever the help desk uses natively.
 *
 * @example
 * const page = await system.find({ queue: { name: "Incoming" }, limit: 50, offset: 0 });
 * for (const ticket of page.tickets) await system.addNote(ticket.id, { subject: "Seen", body: "by OTAI" });
 */
export interface TicketSystem {
  find(criteria: TicketSearchCriteria): Promise<TicketPage>;
  get(id: string): Promise<UnifiedTicket | null>;
  /** Returns false when the ticket does not exist. Throws an OtaiError for anything else that goes wrong. */
  update(id: string, changes: TicketUpdate, options?: UpdateOptions): Promise<boolean>;
  addNote(id: string, note: UnifiedNoteInput | UnifiedNote, options?: NoteOptions): Promise<boolean>;
  options(): Promise<HelpDeskOptions>;
  /** Many updates in as few requests as the help desk allows (e.g. Zendesk's update_many jobs). */
  updateMany?(items: readonly BulkUpdateItem[]): Promise<BulkUpdateResult[]>;
  /**
   * Verifies and parses a webhook delivery from this help desk. Throws `OTAI_WEBHOOK_INVALID` for a bad
   * signature or body. Help desks that can push events implement it; the engine serves it on
   * `POST /webhooks/<service id>`.
   */
  webhookEvents?(request: WebhookRequest): TicketEvent[];
  close?(): Promise<void>;
}

/** Runtime check used by the container, because plugins are untyped at the boundary. */
export function isTicketSystem(value: unknown): value is TicketSystem {
  const candidate = value as Partial<Record<keyof TicketSystem, unknown>> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    ["find", "get", "update", "addNote", "options"].every(
      (method) => typeof candidate[method as keyof TicketSystem] === "function",
    )
  );
}
