/**
 * @module fakes/zendesk/fake-zendesk
 * `startFakeZendesk()`: a Zendesk Support API on 127.0.0.1 for adapter tests, with an in-process
 * control API to seed and read the account, inject faults, move the clock and switch quirks.
 * Nothing here reaches a real Zendesk.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClock } from "./clock.ts";
import { createFaultInjector, type FaultControl } from "./faults.ts";
import { createJobQueue, type ZendeskJob } from "./jobs.ts";
import {
  type FakeZendeskOptions,
  resolveOptions,
  type ZendeskCredentials,
  type ZendeskQuirks,
  type ZendeskRateLimits,
} from "./options.ts";
import { createPipeline } from "./pipeline.ts";
import { createRateLimiter } from "./rate-limit.ts";
import type { RecordedRequest } from "./request-log.ts";
import type { FakeState } from "./router.ts";
import { ROUTES } from "./routes.ts";
import { createStore } from "./store.ts";
import { applyTicketUpdate } from "./ticket-update.ts";
import type {
  FakeZendeskSeed,
  TicketSeed,
  ZendeskAudit,
  ZendeskComment,
  ZendeskGroup,
  ZendeskTicket,
  ZendeskTicketField,
  ZendeskUser,
  ZendeskView,
} from "./types.ts";

/** A running fake Zendesk. Everything returned by the readers is a copy. */
export interface FakeZendesk {
  /** `http://127.0.0.1:PORT`: the adapter's base URL (paths start with `/api/v2`). */
  readonly url: string;
  /** Every request received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Injected failures for the next requests, or a seeded random share of them. */
  readonly faults: FaultControl;
  /** Stops the server, dropping open connections and pending delays. */
  close(): Promise<void>;

  /** Seeds users, groups, ticket fields, views and tickets; seeded tickets are searchable at once. */
  seed(seed: FakeZendeskSeed): void;
  /** Creates a ticket as if it had just arrived: search finds it only after the indexing delay. */
  addTicket(seed: TicketSeed): ZendeskTicket;
  /**
   * Changes a ticket the way an agent would in Zendesk (same rules as the API; bumps `updated_at`,
   * adds an audit), e.g. to make an adapter's `updated_stamp` stale. Throws when Zendesk would refuse.
   */
  editTicket(id: number, patch: Record<string, unknown>, authorId?: number): ZendeskTicket;
  ticket(id: number): ZendeskTicket | undefined;
  tickets(): ZendeskTicket[];
  comments(ticketId: number): ZendeskComment[];
  audits(ticketId: number): ZendeskAudit[];
  users(): ZendeskUser[];
  groups(): ZendeskGroup[];
  ticketFields(): ZendeskTicketField[];
  views(): ZendeskView[];
  /** A bulk job as it stands, without counting as a poll. */
  job(id: string): ZendeskJob | undefined;
  /** Completes every queued or working job now. */
  completeJobs(): void;
  /** The next `update_many` job fails as a whole with `message`. */
  failNextJob(message: string): void;

  /** The fake's current time in ms. */
  now(): number;
  /** Moves the fake's clock forward: rate-limit windows, indexing delay, cursor expiry. */
  advanceTime(ms: number): void;
  setAdmin(admin: boolean): void;
  setCredentials(credentials: Partial<ZendeskCredentials>): void;
  setRateLimits(limits: Partial<ZendeskRateLimits>): void;
  resetRateLimits(): void;
  setQuirks(quirks: Partial<ZendeskQuirks>): void;
  setSearchIndexDelay(ms: number): void;
  clearRequests(): void;
  /** Requests whose validation against the spec found errors (empty without `openApi`). */
  invalidRequests(): RecordedRequest[];
}

/**
 * Starts a fake Zendesk on 127.0.0.1 with a free port.
 *
 * @example
 * const zendesk = await startFakeZendesk({ seed: { groups: [{ id: 5, name: "Billing" }], tickets: [{ subject: "Refund" }] } });
 * const auth = `Basic ${Buffer.from("agent@example.test/token:fake-api-token").toString("base64")}`;
 * const res = await fetch(`${zendesk.url}/api/v2/tickets/1.json`, { headers: { Authorization: auth } });
 * (await res.json()).ticket.subject; // "Refund"
 * await zendesk.close();
 */
export async function startFakeZendesk(options: FakeZendeskOptions = {}): Promise<FakeZendesk> {
  const settings = resolveOptions(options);
  const clock = createClock(options.now);
  const store = createStore(clock, settings.credentials);
  const jobs = createJobQueue(store, () => settings);
  const limiter = createRateLimiter(clock, () => settings.rateLimits);
  const faults = createFaultInjector();
  const log: RecordedRequest[] = [];
  const state: FakeState = { store, jobs, clock, settings, baseUrl: "" };
  const waits = new Set<{ timer: NodeJS.Timeout; resolve: (open: boolean) => void }>();
  let closed = false;

  const wait = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      if (closed) return resolve(false);
      const pending = {
        timer: setTimeout(() => {
          waits.delete(pending);
          resolve(true);
        }, ms),
        resolve,
      };
      waits.add(pending);
    });

  const server = createServer(
    createPipeline({ state, routes: ROUTES, limiter, faults, log, openApi: options.openApi, wait }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}`;
  if (options.seed) store.seed(options.seed);

  const copy = <T>(value: T): T => structuredClone(value);

  return {
    url: state.baseUrl,
    requests: log,
    faults,
    async close() {
      if (closed) return;
      closed = true;
      for (const pending of waits) {
        clearTimeout(pending.timer);
        pending.resolve(false);
      }
      waits.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    seed: (seed) => store.seed(seed),
    addTicket: (seed) => copy(store.addTicket(seed)),
    editTicket(id, patch, authorId = settings.credentials.userId) {
      const outcome = applyTicketUpdate(store, settings.quirks, id, patch, authorId);
      if (!outcome.ok) throw new Error(`editTicket(${id}) refused: ${outcome.message}`);
      return copy(outcome.ticket);
    },
    ticket: (id) => copy(store.tickets.get(id)),
    tickets: () => copy([...store.tickets.values()]),
    comments: (ticketId) => copy(store.comments.get(ticketId) ?? []),
    audits: (ticketId) => copy(store.audits.get(ticketId) ?? []),
    users: () => copy([...store.users.values()]),
    groups: () => copy([...store.groups.values()]),
    ticketFields: () => copy([...store.ticketFields.values()]),
    views: () => copy([...store.views.values()]),
    job: (id) => copy(jobs.jobs.get(id)),
    completeJobs: () => jobs.drain(),
    failNextJob: (message) => jobs.failNext(message),
    now: () => clock.now(),
    advanceTime: (ms) => clock.advance(ms),
    setAdmin(admin) {
      settings.credentials.admin = admin;
    },
    setCredentials(credentials) {
      Object.assign(settings.credentials, credentials);
    },
    setRateLimits(limits) {
      Object.assign(settings.rateLimits, limits);
    },
    resetRateLimits: () => limiter.reset(),
    setQuirks(quirks) {
      Object.assign(settings.quirks, quirks);
    },
    setSearchIndexDelay(ms) {
      settings.searchIndexDelayMs = ms;
    },
    clearRequests() {
      log.length = 0;
    },
    invalidRequests: () => log.filter((entry) => (entry.validation?.errors.length ?? 0) > 0),
  };
}
