/**
 * @module output
 * Where the CLI writes, and how logs look: JSON lines by default, pretty on a terminal.
 */
import type { DestinationStream } from "pino";
import pretty from "pino-pretty";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
};

export type LogFormat = "json" | "pretty";

/** The log stream for a format; undefined means pino's default (JSON to stdout). */
export function logDestination(format: LogFormat | undefined, io: Io): DestinationStream | undefined {
  const chosen = format ?? (io.isTTY ? "pretty" : "json");
  if (chosen === "json") return undefined;
  return pretty({ colorize: io.isTTY, sync: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,name" });
}
