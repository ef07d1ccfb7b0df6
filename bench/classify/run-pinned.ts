/**
 * @module bench/classify/run-pinned
 * Runs one model's child on a single core (`taskset -c 0`, BLAS/OpenMP threads at 1) and reads its result file.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { ChildResult } from "./child-result.ts";

/** One core for every model, so the numbers compare: the machine's other cores stay idle. */
export const PIN_ENV = { OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" } as const;

/**
 * Spawns `taskset -c 0 <command> <args…>` (stdout and stderr go to `log`), waits, and parses `outFile`.
 * Rejects with the tail of the child's output when it fails.
 *
 * @example
 * const result = await runPinned("/usr/bin/python3", ["peers_sklearn.py", "--out", out], out);
 */
export function runPinned(
  command: string,
  args: readonly string[],
  outFile: string,
  log: (line: string) => void = () => {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("taskset", ["-c", "0", command, ...args], {
      env: { ...process.env, ...PIN_ENV },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let tail = "";
    const collect = (chunk: Buffer) => {
      tail = (tail + chunk.toString("utf8")).slice(-4000);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code !== 0) {
        for (const line of tail.trim().split("\n").slice(-15)) log(`    ${line}`);
        reject(new Error(`${command} exited ${code ?? signal}`));
        return;
      }
      try {
        resolve(JSON.parse(readFileSync(outFile, "utf8")) as ChildResult);
      } catch (error) {
        reject(error);
      }
    });
  });
}
