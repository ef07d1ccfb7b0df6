/**
 * @module engine/app
 * A prepared config turned into a running engine: the service container, the pipe runtime and the
 * orchestrator, with a stop signal for graceful shutdown.
 */
import { resolve } from "node:path";
import type { DestinationStream } from "pino";
import { configInvalid } from "../config/load.ts";
import type { LoggingConfig } from "../config/schema.ts";
import type { Logger } from "../contracts/component.ts";
import { emptyContext } from "../contracts/pipe-context.ts";
import type { PipeResult } from "../contracts/pipe-result.ts";
import { OtaiError } from "../errors.ts";
import { createLogger } from "../logging/logger.ts";
import { createContainer, type ServiceContainer } from "./container.ts";
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
  /** Runs the orchestrator: one cycle with `once`, otherwise until {@link App.stop}. */
  run(): Promise<RunOutcome>;
  stop(): void;
  close(): Promise<void>;
}

export interface AppOptions extends PrepareOptions {
  /** `otai run --once`: one cycle, triggers fire at once. */
  once?: boolean;
  logger?: Logger;
  logDestination?: DestinationStream;
  /** Overrides `infrastructure.logging.level`. */
  logLevel?: LoggingConfig["level"];
}

/**
 * @example
 * const app = await createApp({ config: "config.yml", once: true });
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
  const services = createContainer({ loaded, registry, renderer, logger, secrets });
  const controller = new AbortController();
  const runtime = createPipeRuntime({
    registry,
    container: services,
    renderer,
    logger,
    signal: controller.signal,
    once: options.once ?? false,
  });
  const orchestrator = loaded.raw.orchestrator;
  if (orchestrator === undefined) throw new OtaiError("OTAI_CONFIG_INVALID", "no orchestrator configured");

  return {
    prepared,
    logger,
    services,
    async run() {
      runtime.clearIncidents();
      await services.startAll();
      const result = await runtime.runPipe(orchestrator, emptyContext(), [...loaded.rootPath, "orchestrator"]);
      const incidents = [...runtime.incidents()];
      return { result, incidents, ok: incidents.length === 0 && (result.succeeded || result.was_skipped) };
    },
    stop: () => controller.abort(),
    close: () => services.closeAll(),
  };
}
