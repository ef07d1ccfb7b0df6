/**
 * @module files/output-file
 * Writing a file the user asked for (a model, a report, a schema): atomically, so a reader never sees
 * half a file, and with an error that says what could not be written where and why, instead of a
 * bare `ENOENT` from deep inside Node.
 */

import { open, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { OtaiError } from "../errors.ts";

function reason(error: NodeJS.ErrnoException, path: string): string {
  switch (error.code) {
    case "ENOENT":
      return `the folder ${dirname(path)} does not exist`;
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder";
    case "ENOSPC":
      return "the disk is full";
    default:
      return error.message;
  }
}

function writeError(error: unknown, path: string, what: string): OtaiError {
  return new OtaiError(
    "OTAI_OUTPUT_WRITE",
    `cannot write ${what} to ${path}: ${reason(error as NodeJS.ErrnoException, path)}`,
    { cause: error, details: { path } },
  );
}

/**
 * Writes `data` to a temporary file beside `path`, then renames it over `path`. Failures are
 * `OTAI_OUTPUT_WRITE` naming `what` and the path; the temporary file is removed.
 *
 * @example
 * await writeOutputFile("report.html", html, "the report");
 */
export async function writeOutputFile(path: string, data: string | Uint8Array, what: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw writeError(error, path, what);
  }
}

/**
 * Checks up front that `path` can be written, by creating and removing the temporary file that
 * {@link writeOutputFile} would use, so that a long job (training a model) fails before it starts
 * rather than after. Same error as {@link writeOutputFile}; an existing file at `path` is left alone.
 *
 * @example
 * await assertOutputWritable(values.out, "the model"); // then train, then writeOutputFile
 */
export async function assertOutputWritable(path: string, what: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.probe.tmp`;
  try {
    const existing = await stat(path).catch(() => undefined);
    if (existing?.isDirectory()) throw Object.assign(new Error("is a folder"), { code: "EISDIR" });
    const handle = await open(temporary, "wx");
    await handle.close();
    await rm(temporary, { force: true });
  } catch (error) {
    await rm(temporary, { force: true });
    throw writeError(error, path, what);
  }
}
