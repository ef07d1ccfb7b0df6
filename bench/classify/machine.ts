/**
 * @module bench/classify/machine
 * The machine and tool versions printed beside the results, so a table can be read in context.
 */
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { PYTHON } from "./install-peers.ts";

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  python: string | null;
  sklearn: string | null;
  fasttext: string | null;
}

const output = (command: string, args: string[]) => {
  const run = spawnSync(command, args, { encoding: "utf8" });
  return run.status === 0 ? run.stdout.trim() : null;
};

/**
 * Describes this machine: CPU model and core count, Node, Debian's Python, scikit-learn and fastText versions.
 *
 * @example
 * console.log(describeMachine(machine())); // "AMD EPYC (2 cores), Node v24.…, Python 3.11.2, …"
 */
export function machine(): Machine {
  const [python = null, sklearn = null] =
    output(PYTHON, ["-c", "import sys, sklearn; print(sys.version.split()[0], sklearn.__version__)"])?.split(" ") ?? [];
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    node: process.version,
    python: python ?? output(PYTHON, ["-c", "import sys; print(sys.version.split()[0])"]),
    sklearn,
    fasttext: output("dpkg-query", ["-W", "-f", "$" + "{Version}", "fasttext"]),
  };
}

/** One line for the table's header. */
export function describeMachine(m: Machine): string {
  return [
    `${m.cpu} (${m.cores} cores; every model pinned to core 0)`,
    `Node ${m.node}`,
    `Python ${m.python ?? "n/a"}`,
    `scikit-learn ${m.sklearn ?? "not installed"}`,
    `fastText ${m.fasttext ?? "not installed"}`,
  ].join(", ");
}
