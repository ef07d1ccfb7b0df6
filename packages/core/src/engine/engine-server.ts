/**
 * @module engine/engine-server
 * The HTTP server of a running app: readiness of its help desks, classifiers and store; webhook routes
 * for every help desk that can verify its deliveries; and metrics.
 */
import { isClassifier } from "../contracts/classifier.ts";
import type { Logger } from "../contracts/component.ts";
import type { EngineObserver, TicketInbox } from "../contracts/engine.ts";
import { isTicketSystem, type TicketSystem } from "../contracts/ticket-system.ts";
import { errorMessage, isOtaiError } from "../errors.ts";
import type { EngineServer, WebhookHandler } from "../server/http-server.ts";
import { startEngineServer } from "../server/http-server.ts";
import type { EngineMetrics } from "../server/metrics.ts";
import type { ReadinessCheck } from "../server/readiness.ts";
import type { StateStore } from "../state/types.ts";

export interface EngineServerSetup {
  host: string;
  port: number;
  token: string | undefined;
  services: ReadonlyMap<string, unknown>;
  store: StateStore;
  metrics: EngineMetrics;
  observer: EngineObserver;
  inbox: TicketInbox;
  logger: Logger;
  live: () => boolean;
}

// A readiness probe every few seconds must not cost a help-desk request each time.
const HELPDESK_CHECK_TTL_MS = 30_000;

export async function startAppServer(setup: EngineServerSetup): Promise<EngineServer> {
  const readiness: ReadinessCheck[] = [
    {
      name: "state_store",
      check: async () => ((await setup.store.ping()) ? { ok: true } : { ok: false, message: "no answer" }),
    },
  ];
  const webhooks: Record<string, WebhookHandler> = {};
  for (const [id, service] of setup.services) {
    if (isTicketSystem(service)) {
      let last: { at: number; ok: boolean; message?: string } | undefined;
      readiness.push({
        name: `helpdesk:${id}`,
        async check() {
          if (last && Date.now() - last.at < HELPDESK_CHECK_TTL_MS) return last;
          try {
            await service.options();
            last = { at: Date.now(), ok: true };
          } catch (error) {
            last = { at: Date.now(), ok: false, message: isOtaiError(error) ? error.code : errorMessage(error) };
          }
          return last;
        },
      });
      const receive = service.webhookEvents?.bind(service);
      if (receive) webhooks[id] = webhookHandler(id, receive, setup);
    } else if (isClassifier(service)) {
      // Created means loaded: a model that failed to load fails the service's creation at start.
      readiness.push({ name: `model:${id}`, check: async () => ({ ok: true }) });
    }
  }
  return startEngineServer({
    host: setup.host,
    port: setup.port,
    token: setup.token,
    metrics: setup.metrics,
    readiness,
    webhooks,
    logger: setup.logger,
    live: setup.live,
  });
}

function webhookHandler(
  system: string,
  receive: NonNullable<TicketSystem["webhookEvents"]>,
  setup: EngineServerSetup,
): WebhookHandler {
  return async ({ headers, rawBody }) => {
    let events: ReturnType<typeof receive>;
    try {
      events = receive({ headers, rawBody });
    } catch (error) {
      setup.observer.webhook(system, "rejected");
      setup.logger.warn({ system, code: isOtaiError(error) ? error.code : undefined }, "webhook delivery rejected");
      return { status: isOtaiError(error, "OTAI_WEBHOOK_INVALID") ? 401 : 400, body: { error: "rejected" } };
    }
    let accepted = 0;
    for (const event of events) {
      const result = setup.inbox.push(system, event);
      setup.observer.webhook(system, result);
      if (result === "accepted") accepted++;
    }
    setup.observer.inboxDepth(setup.inbox.size());
    // Answer at once: the pipeline takes the queued ids on its next turn.
    return { status: 202, body: { accepted, duplicate: events.length - accepted } };
  };
}
