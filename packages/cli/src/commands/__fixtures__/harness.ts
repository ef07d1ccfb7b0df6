/**
 * Running the model commands in-process in tests, the way main.ts does (errors → exit codes), with the
 * real otai-local when its package index exists and the clearly-named stand-in otherwise.
 */

import type { Io } from "../../output.ts";
import { reportError, UsageError } from "../_shared.ts";
import type { ModelCommandDeps, OtaiLocal } from "../train.ts";

export interface CapturedIo extends Io {
  stdout: string[];
  stderr: string[];
}

export function captureIo(): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false };
}

/** The real otai-local if it loads, else the stand-in; `label` is appended to test names. */
export async function pickOtaiLocal(): Promise<{ local: OtaiLocal; label: string }> {
  try {
    const local = (await import("otai-local")) as OtaiLocal;
    if (typeof local.trainModel === "function" && typeof local.readExamples === "function") return { local, label: "" };
  } catch {
    // Not there yet: fall through to the stand-in.
  }
  const { standInOtaiLocal } = await import("./stand-in-otai-local.ts");
  return { local: standInOtaiLocal, label: " (stand-in model)" };
}

export async function runModelCommand<D extends ModelCommandDeps>(
  command: (argv: string[], deps: D) => Promise<number>,
  argv: string[],
  deps: Omit<D, "io"> & { io?: CapturedIo },
): Promise<{ code: number; stdout: string; stderr: string; io: CapturedIo }> {
  const io = deps.io ?? captureIo();
  let code: number;
  try {
    code = await command(argv, { ...deps, io } as unknown as D);
  } catch (error) {
    code = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
      ? reportError(io, new UsageError((error as Error).message))
      : reportError(io, error);
  }
  return { code, stdout: io.stdout.join("\n"), stderr: io.stderr.join("\n"), io };
}
