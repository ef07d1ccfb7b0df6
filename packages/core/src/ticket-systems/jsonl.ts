/**
 * @module ticket-systems/jsonl
 * A help desk in a JSONL file, one unified ticket per line: for demos, offline runs and tests that
 * should survive a restart.
 *
 * File handling, and why:
 * - A write replaces the file atomically (temp file in the same directory, fsync, rename, fsync of the
 *   directory), so a crash leaves either the old or the new file, never a torn one.
 * - Only the changed line is re-serialised. Every other line is written back byte for byte, and the
 *   changed one keeps its key order and unknown fields, so diffs stay small and nothing is lost.
 * - Blank lines are ignored but kept where they are, as are `\r\n` line ends and a leading BOM.
 * - Every operation runs in one promise chain, so concurrent updates in this process never lose each
 *   other. Other processes are not locked out: an edit between our read and our rename would be lost.
 * - Before each operation the file's mtime, ctime, size and inode are compared with what was read last;
 *   any change makes it re-read, so external edits are seen.
 */
import { randomUUID } from "node:crypto";
import type { Stats } from "node:fs";
import { mkdir, open, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { UnifiedTicket } from "../contracts/ticket.ts";
import type { TicketSystem } from "../contracts/ticket-system.ts";
import { errorMessage, OtaiError } from "../errors.ts";
import {
  assertUniqueIds,
  createStoredTicketSystem,
  type HelpDeskConfig,
  parseTicket,
  type StoredTicket,
  type TicketRecord,
  type TicketStore,
} from "./_stored-ticket-system.ts";

export interface JsonlTicketSystemOptions extends HelpDeskConfig {
  /** The JSONL file. Relative paths are relative to the process's working directory. */
  path: string;
  /** Treat a missing file as an empty help desk and create it (and its directory). Defaults to false. */
  create_if_missing?: boolean | undefined;
}

export interface JsonlTicketSystem extends TicketSystem {
  readonly path: string;
  /** Copies of every ticket, in file order, re-reading the file if it changed. */
  all(): Promise<UnifiedTicket[]>;
  /** Waits for pending writes. */
  close(): Promise<void>;
}

interface Line extends StoredTicket {
  readonly index: number;
}

interface Snapshot {
  readonly lines: readonly string[];
  readonly tickets: readonly Line[];
  readonly stamp: string;
  readonly mode: number | undefined;
}

const BOM = "\uFEFF";

/**
 * Opens a JSONL help desk. The file is read lazily, on the first call.
 *
 * @example
 * const system = createJsonlTicketSystem({ path: "/var/lib/otai/tickets.jsonl", create_if_missing: true });
 * const page = await system.find({ status: "new", limit: 20, offset: 0 });
 * await system.addNote(page.tickets[0]?.id ?? "", { body: "Routed to Billing" });
 */
export function createJsonlTicketSystem(options: JsonlTicketSystemOptions): JsonlTicketSystem {
  const { path, create_if_missing = false, ...config } = options;
  let snapshot: Snapshot | undefined;
  let tail: Promise<unknown> = Promise.resolve();

  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  }

  async function fresh(): Promise<Snapshot> {
    const stats = await statOrMissing(path);
    if (stats === undefined) {
      if (!create_if_missing) {
        throw new OtaiError("OTAI_HELPDESK_UNAVAILABLE", `ticket file ${path} does not exist (set create_if_missing)`, {
          retryable: false,
          details: { path },
        });
      }
      await createEmpty(path);
    } else if (snapshot !== undefined && snapshot.stamp === stampOf(stats)) {
      return snapshot;
    }
    snapshot = await load(path);
    return snapshot;
  }

  const store: TicketStore = {
    list: () => exclusive(async () => (await fresh()).tickets),
    replace: (id, next) =>
      exclusive(async () => {
        const current = await fresh();
        const line = current.tickets.find((candidate) => candidate.ticket.id === id);
        if (line === undefined) return false;
        const changed: Line = { ...next(line), index: line.index };
        const lines = current.lines.map((text, index) =>
          index === line.index ? serialise(changed.record, text) : text,
        );
        const stamp = await writeAtomically(path, lines.join("\n"), current.mode);
        snapshot = {
          lines,
          tickets: current.tickets.map((candidate) => (candidate === line ? changed : candidate)),
          stamp,
          mode: current.mode,
        };
        return true;
      }),
  };

  return {
    ...createStoredTicketSystem(store, config),
    path,
    all: async () => (await store.list()).map((line) => structuredClone(line.ticket)),
    close: () => exclusive(async () => undefined),
  };
}

async function load(path: string): Promise<Snapshot> {
  let text: string;
  let stats: Stats;
  try {
    // Stat and read through one handle, so the stamp belongs to the bytes we read.
    const handle = await open(path, "r");
    try {
      stats = await handle.stat();
      text = await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unavailable(`could not read ticket file ${path}: ${errorMessage(error)}`, path, error);
  }
  const lines = text.split("\n");
  const tickets: Line[] = [];
  lines.forEach((text, index) => {
    const json = (index === 0 ? text.replace(BOM, "") : text).trim();
    if (json === "") return;
    const where = `${path}:${index + 1}`;
    const record = parseLine(json, where, index + 1);
    tickets.push({ record, ticket: parseTicketAt(record, where, index + 1), index });
  });
  assertUniqueIds(tickets.map((line) => ({ id: line.ticket.id, where: `${path}:${line.index + 1}` })));
  return { lines, tickets, stamp: stampOf(stats), mode: stats.mode & 0o7777 };
}

function parseLine(json: string, where: string, line: number): TicketRecord {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new OtaiError("OTAI_TICKET_INVALID", `${where}: not valid JSON: ${errorMessage(error)}`, {
      cause: error,
      details: { where, line },
    });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new OtaiError("OTAI_TICKET_INVALID", `${where}: a ticket must be a JSON object`, {
      details: { where, line },
    });
  }
  return value as TicketRecord;
}

function parseTicketAt(record: TicketRecord, where: string, line: number): UnifiedTicket {
  try {
    return parseTicket(record, where);
  } catch (error) {
    if (error instanceof OtaiError) error.details.line = line;
    throw error;
  }
}

function serialise(record: TicketRecord, original: string): string {
  const bom = original.startsWith(BOM) ? BOM : "";
  return `${bom}${JSON.stringify(record)}${original.endsWith("\r") ? "\r" : ""}`;
}

/** Writes `content` to `path` atomically and returns the stamp of the new file. */
async function writeAtomically(path: string, content: string, mode: number | undefined): Promise<string> {
  // Write through a symlink to its target, rather than replacing the link with a plain file.
  const target = await realpath(path).catch(() => path);
  const directory = dirname(target);
  const temp = join(directory, `.${basename(target)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    const handle = await open(temp, "wx");
    try {
      // chmod, not open's mode: the umask would otherwise narrow the original permissions.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw unavailable(`could not write ticket file ${path}: ${errorMessage(error)}`, path, error);
  }
  await syncDirectory(directory);
  return stampOf(await stat(target));
}

// Makes the rename itself durable. Not every platform can fsync a directory; the data is safe anyway.
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort, see above.
  }
}

async function createEmpty(path: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    // "wx": if another process created it meanwhile, keep theirs.
    await writeFile(path, "", { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      throw unavailable(`could not create ticket file ${path}: ${errorMessage(error)}`, path, error);
    }
  }
}

async function statOrMissing(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw unavailable(`could not read ticket file ${path}: ${errorMessage(error)}`, path, error);
  }
}

function stampOf(stats: Stats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

function unavailable(message: string, path: string, cause: unknown): OtaiError {
  return new OtaiError("OTAI_HELPDESK_UNAVAILABLE", message, { cause, details: { path } });
}
