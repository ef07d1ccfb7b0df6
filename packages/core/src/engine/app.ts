/**
 * @module engine/app
 * A prepared config turned into a running engine: the service container, the state store, metrics,
 * the HTTP server, the pipe runtime and the orchestrator, with a stop signal for graceful shutdown.
 */
import { resolve } from "node:path";
import type { DestinationStream } from "pino";
import { configInvalid } from "../config/load.ts";
import type { EngineConfig, LoggingConfig } from "../config/schema.ts";
import type { Logger } from "../contracts/component.ts";
import type { EngineHandle, EngineMode, PlannedChange } from "../contracts/engine.ts";
import { emptyContext } from "../contracts/pipe-context.ts";
import type { PipeResult } from "../contracts/pipe-result.ts";
import { OtaiError } from "../errors.ts";
import { createLogger } from "../logging/logger.ts";
import type { EngineServer } from "../server/http-server.ts";
import { createEngineMetrics, type EngineMetrics } from "../server/metrics.ts";
import { createSqliteStateStore } from "../state/sqlite-store.ts";
import type { StateStore } from "../state/types.ts";
import { createContainer, type ServiceContainer } from "./container.ts";
import { startAppServer } from "./engine-server.ts";
import { createTicketInbox } from "./inbox.ts";
import { metricsObserver } from "./observer.ts";
import { type Prepared, type PrepareOptions, prepare } from "./prepare.ts";
import { createPipeRuntime, type PipeIncident } from "./runtime.ts";

export interface RunOutcome {
  result: PipeResult;
  incidents: readonly PipeIncident[];
  /** No pipe raised an error (deliberate `fail()` guards do not count). */
  ok: boolean;
}

export interface App {
  readonly prepared: Prepared;
  readonly logger: Logger;
  readonly services: ServiceContainer;
  readonly engine: EngineHandle;
  readonly store: StateStore;
  readonly metrics: EngineMetrics;
  /** The engine's settings after rendering and CLI overrides. */
  readonly settings: EngineConfig;
  /** The HTTP server, once `run()` started it (when `engine.server.enabled`). */
  server(): EngineServer | undefined;
  /** Runs the orchestrator: one cycle with `once`, otherwise until {@link App.stop}. */
  run(): Promise<RunOutcome>;
  /** Stops fetching: no new cycle and no new ticket starts; tickets in flight finish. */
  stop(): void;
  /** Closes the server, the services and the store. */
  close(): Promise<void>;
}

export interface AppOptions extends PrepareOptions {
  /** `otai run --once`: one cycle, triggers fire at once. */
  once?: boolean;
  logger?: Logger;
  logDestination?: DestinationStream;
  /** Overrides `infrastructure.logging.level`. */
  logLevel?: LoggingConfig["level"];
  /** Overrides `engine.mode` (`otai run --mode`, `--dry-run`). */
  mode?: EngineMode;
  /** `otai run --ticket ID`: process these tickets only, read by id. */
  onlyTickets?: readonly string[];
  /** Overrides `engine.state.path` (tests use ":memory:"). */
  statePath?: string;
  /** Overrides `engine.server.enabled` / `port`. */
  server?: { enabled?: boolean; port?: number; host?: string };
  /** Where dry-run's planned changes go; they are logged either way. */
  onPlan?: (change: PlannedChange) => void;
}

/**
 * @example
 * const app = await createApp({ config: "config.yml", once: true, mode: "dry_run" });
 * const outcome = await app.run();
 * await app.close();
 * process.exitCode = outcome.ok ? 0 : 1;
 */
export async function createApp(options: AppOptions = {}): Promise<App> {
  const prepared = await prepare(options);
  if (prepared.issues.length > 0) throw configInvalid(prepared.issues);
  const { loaded, registry, renderer, secrets } = prepared;
  const logging = loaded.config.infrastructure.logging;
  const logger =
    options.logger ??
    createLogger({
      level: options.logLevel ?? logging.level,
      secrets,
      ...(options.logDestination ? { destination: options.logDestination } : {}),
      ...(logging.log_to_file ? { file: resolve(loaded.baseDir, logging.log_file_path ?? "otai.log") } : {}),
    });
  const settings = engineSettings(loaded.config.engine, options, (template) => {
    const value = renderer.render(template, emptyContext());
    secrets.add(value);
    return value;
  });
  const orchestrator = loaded.raw.orchestrator;
  if (orchestrator === undefined) throw new OtaiError("OTAI_CONFIG_INVALID", "no orchestrator configured");

  const statePath = settings.state.path === ":memory:" ? ":memory:" : resolve(loaded.baseDir, settings.state.path);
  const store = createSqliteStateStore({ path: statePath });
  const metrics = createEngineMetrics({ build: { version: "0.1.0", mode: settings.mode } });
  const stopObservingHttp = metrics.observeHttpClients();
  const observer = metricsObserver(metrics);
  const inbox = createTicketInbox({
    onDrop: (system, ticketId) =>
      logger.warn({ system, ticket_id: ticketId }, "webhook queue full; polling will pick it up"),
  });
  const engine: EngineHandle = {
    mode: settings.mode,
    store,
    observer,
    onlyTickets: options.onlyTickets,
    inbox,
    plan: (change) => options.onPlan?.(change),
  };
  const services = createContainer({ loaded, registry, renderer, logger, secrets });
  const controller = new AbortController();
  const runtime = createPipeRuntime({
    registry,
    container: services,
    renderer,
    logger,
    signal: controller.signal,
    once: options.once ?? false,
    engine,
  });
  let server: EngineServer | undefined;
  let closed = false;

  return {
    prepared,
    logger,
    services,
    engine,
    store,
    metrics,
    settings,
    server: () => server,
    async run() {
      runtime.clearIncidents();
      await services.startAll();
      if (settings.server.enabled && !server) {
        server = await startAppServer({
          host: settings.server.host,
          port: settings.server.port,
          token: settings.server.token ?? undefined,
          services: services.created(),
          store,
          metrics,
          observer,
          inbox,
          logger,
          live: () => !controller.signal.aborted,
        });
        logger.info({ url: server.url }, "HTTP server listening (/healthz, /readyz, /metrics, /webhooks/<service>)");
      }
      const result = await runtime.runPipe(orchestrator, emptyContext(), [...loaded.rootPath, "orchestrator"]);
      const incidents = [...runtime.incidents()];
      return { result, incidents, ok: incidents.length === 0 && (result.succeeded || result.was_skipped) };
    },
    stop: () => controller.abort(),
    async close() {
      if (closed) return;
      closed = true;
      controller.abort();
      await server?.close();
      stopObservingHttp();
      await services.closeAll();
      await store.close();
    },
  };
}

function engineSettings(
  config: EngineConfig,
  options: AppOptions,
  renderSecret: (template: string) => unknown,
): EngineConfig {
  const token = config.server.token;
  const rendered = typeof token === "string" && /\{\{|\{%/.test(token) ? renderSecret(token) : token;
  return {
    ...config,
    mode: options.mode ?? config.mode,
    state: { path: options.statePath ?? config.state.path },
    server: {
      ...config.server,
      ...(options.server?.enabled !== undefined ? { enabled: options.server.enabled } : {}),
      ...(options.server?.port !== undefined ? { port: options.server.port } : {}),
      ...(options.server?.host !== undefined ? { host: options.server.host } : {}),
      token: typeof rendered === "string" && rendered !== "" ? rendered : null,
    },
  };
}
