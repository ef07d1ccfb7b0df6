/**
 * Running the model commands in-process in tests, the way main.ts does (errors → exit codes).
 */

import assert from "node:assert/strict";
import { basename } from "node:path";
import type { Io } from "../../output.ts";
import { reportError, UsageError } from "../_shared.ts";
import { type ModelCommandDeps, type OtaiLocal, trainCommand } from "../train.ts";
import { syntheticTickets, writeCsv } from "./synthetic-tickets.ts";

export interface CapturedIo extends Io {
  stdout: string[];
  stderr: string[];
}

export function captureIo(): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false };
}

/**
 * The otai-local package. Until its index re-exports the data and eval modules, they are added from
 * their files and `complete` is false: the `otai` binary itself cannot run the model commands yet.
 */
export async function pickOtaiLocal(): Promise<{ local: OtaiLocal; complete: boolean }> {
  const real = (await import("otai-local")) as Partial<OtaiLocal>;
  if (typeof real.readExamples === "function") return { local: real as OtaiLocal, complete: true };
  const data = await import("../../../../classifier-local/src/data/index.ts");
  const evaluation = await import("../../../../classifier-local/src/eval/index.ts");
  return { local: { ...data, ...evaluation, ...real } as OtaiLocal, complete: false };
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

/**
 * Trains a model file on the synthetic training tickets (CSV, text `subject,body`) with the given extra
 * arguments (`--label …`, `--tags …`), failing the test if training fails.
 */
export async function trainSynthetic(
  local: OtaiLocal,
  dir: string,
  out: string,
  extra: readonly string[],
): Promise<void> {
  const data = writeCsv(dir, `train-${basename(out)}.csv`, syntheticTickets(0));
  const run = await runModelCommand(trainCommand, ["--data", data, "--text", "subject,body", ...extra, "--out", out], {
    local,
  });
  assert.equal(run.code, 0, run.stderr);
}
