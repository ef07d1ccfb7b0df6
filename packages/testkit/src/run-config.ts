/**
 * @module run-config
 * Runs a config given as YAML text in a fresh temporary folder, as `otai run --once` would, capturing
 * the log lines. For engine and pipe tests.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { type AppOptions, createApp, type PluginDefinition, type RunOutcome } from "@otai/core";

export interface RunConfigOptions {
  plugins?: readonly PluginDefinition[];
  environment?: NodeJS.ProcessEnv;
  /** Extra files to write beside config.yml, by name. */
  files?: Record<string, string>;
  logLevel?: "DEBUG" | "INFO" | "WARNING" | "ERROR" | "CRITICAL";
  /** How many `--once` cycles to run with the same app (default 1). */
  cycles?: number;
  /** Run in this folder (to run again over the state a previous run left); a new temp folder otherwise. */
  dir?: string;
  /** Engine overrides: mode, on-demand tickets, dry-run output, state path. */
  app?: Pick<AppOptions, "mode" | "onlyTickets" | "onPlan" | "statePath" | "server">;
}

export interface RunConfigResult {
  dir: string;
  outcomes: RunOutcome[];
  /** Every log line, as written (after redaction). */
  logs: string[];
}

/**
 * @example
 * const { outcomes, logs } = await runConfig("open_ticket_ai:\n  orchestrator: ...");
 */
export async function runConfig(yaml: string, options: RunConfigOptions = {}): Promise<RunConfigResult> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "otai-test-"));
  writeFileSync(join(dir, "config.yml"), yaml);
  for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), content);
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const app = await createApp({
    config: join(dir, "config.yml"),
    cwd: dir,
    once: true,
    discover: false,
    environment: options.environment ?? {},
    logLevel: options.logLevel ?? "DEBUG",
    logDestination: destination,
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...options.app,
  });
  const outcomes: RunOutcome[] = [];
  try {
    for (let i = 0; i < (options.cycles ?? 1); i++) outcomes.push(await app.run());
  } finally {
    await app.close();
  }
  return { dir, outcomes, logs };
}

/**
 * Wraps YAML for composite steps (indented as list items, starting at column 0) into a full config:
 * orchestrator → runner (interval trigger) → CompositePipe `pipeline`.
 *
 * @example
 * runConfig(pipelineConfig("- id: a\n  use: base:ExpressionPipe\n  params: { expression: 1 }"));
 */
export function pipelineConfig(steps: string, options: { services?: string; compositeParams?: string } = {}): string {
  const indent = (text: string, n: number) =>
    text
      .split("\n")
      .map((line) => (line.trim() ? " ".repeat(n) + line : line))
      .join("\n");
  return `open_ticket_ai:
  services:
${indent(options.services ?? "{}", 4)}
  orchestrator:
    use: base:SimpleSequentialOrchestrator
    params:
      steps:
        - id: runner
          use: base:SimpleSequentialRunner
          params:
            on: { id: interval, use: base:IntervalTrigger, params: { interval: PT1H } }
            run:
              id: pipeline
              use: base:CompositePipe
              params:
${indent(options.compositeParams ?? "", 16)}
                steps:
${indent(steps, 18)}
`;
}
