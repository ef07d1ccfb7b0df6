/**
 * Options and error handling every command shares.
 */
import { type ConfigIssue, ERROR_CATALOGUE, formatIssue, isOtaiError, type PluginDefinition } from "@otai/core";
import type { Io, LogFormat } from "../output.ts";

/** What every command gets: where to write, and (in tests) a working directory and in-process plugins. */
export interface CommandDeps {
  io: Io;
  cwd?: string;
  plugins?: readonly PluginDefinition[];
}

/** The `cwd` and `plugins` of `deps`, as engine options (leaving out what is not set). */
export function engineOptions(deps: CommandDeps): { cwd?: string; plugins?: readonly PluginDefinition[] } {
  return { ...(deps.cwd ? { cwd: deps.cwd } : {}), ...(deps.plugins ? { plugins: deps.plugins } : {}) };
}

export const CONFIG_OPTION = { config: { type: "string", short: "c" } } as const;
export const LOG_OPTIONS = {
  "log-format": { type: "string" },
  "log-level": { type: "string" },
} as const;

export function parseLogFormat(value: string | undefined): LogFormat | undefined {
  if (value === undefined) return undefined;
  if (value === "json" || value === "pretty") return value;
  throw new UsageError(`--log-format must be json or pretty, not '${value}'`);
}

const LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] as const;
export function parseLogLevel(value: string | undefined): (typeof LEVELS)[number] | undefined {
  if (value === undefined) return undefined;
  const upper = value.toUpperCase() === "WARN" ? "WARNING" : value.toUpperCase();
  const level = LEVELS.find((l) => l === upper);
  if (!level) throw new UsageError(`--log-level must be one of ${LEVELS.join(", ")}`);
  return level;
}

export class UsageError extends Error {
  override name = "UsageError";
}

export function printIssues(io: Io, issues: readonly ConfigIssue[]): void {
  io.err(`${issues.length} problem${issues.length === 1 ? "" : "s"} found:`);
  for (const issue of issues) io.err(`  ${formatIssue(issue)}`);
}

/** Prints an error the way an admin can act on, and returns the exit code. */
export function reportError(io: Io, error: unknown): number {
  if (error instanceof UsageError) {
    io.err(`error: ${error.message}\nRun 'otai --help' for usage.`);
    return 2;
  }
  if (isOtaiError(error)) {
    const issues = error.details.issues as ConfigIssue[] | undefined;
    if (Array.isArray(issues) && issues.length > 0) printIssues(io, issues);
    else io.err(`error [${error.code}]: ${error.message}`);
    return ERROR_CATALOGUE[error.code].exitCode;
  }
  io.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 4;
}
