/**
 * @module bench/classify/install-peers
 * Makes sure the peers exist: Debian's `fasttext` CLI and `python3-sklearn` for `/usr/bin/python3`
 * (never the pyenv `python3` first on PATH). Installs them with apt-get when missing and says what it does.
 */
import { spawnSync } from "node:child_process";

export const PYTHON = "/usr/bin/python3";
const PACKAGES = ["fasttext", "python3-sklearn"];

export interface PeerAvailability {
  fasttext: boolean;
  sklearn: boolean;
}

/** What is installed right now, without installing anything. */
export function peerAvailability(): PeerAvailability {
  return {
    fasttext: spawnSync("sh", ["-c", "command -v fasttext"], { stdio: "ignore" }).status === 0,
    sklearn: spawnSync(PYTHON, ["-c", "import sklearn"], { stdio: "ignore" }).status === 0,
  };
}

function aptGet(args: string[], log: (line: string) => void): { ok: boolean; output: string } {
  log(`  $ apt-get ${args.join(" ")}`);
  const run = spawnSync("apt-get", args, {
    encoding: "utf8",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
  if (run.error) return { ok: false, output: run.error.message };
  return { ok: run.status === 0, output };
}

/**
 * Installs whatever peer is missing (`apt-get install -y --no-install-recommends fasttext python3-sklearn`,
 * with `apt-get update` first only when the package lists are missing), and returns what is available after.
 *
 * @example
 * const peers = ensurePeers(console.error);
 * if (!peers.fasttext) console.error("fastText not run");
 */
export function ensurePeers(log: (line: string) => void): PeerAvailability {
  const before = peerAvailability();
  if (before.fasttext && before.sklearn) {
    log("peers: fasttext and python3-sklearn are installed");
    return before;
  }
  log(
    `peers: installing ${PACKAGES.join(" and ")} (missing: ${before.fasttext ? "" : "fasttext "}${before.sklearn ? "" : "sklearn"})`,
  );
  const install = ["install", "-y", "--no-install-recommends", ...PACKAGES];
  let result = aptGet(install, log);
  if (!result.ok && /Unable to locate package|has no installation candidate/.test(result.output)) {
    log("  package lists are missing: updating them first");
    const update = aptGet(["update"], log);
    result = update.ok ? aptGet(install, log) : update;
  }
  if (!result.ok) {
    for (const line of result.output.trim().split("\n").slice(-5)) log(`    ${line}`);
  }
  const after = peerAvailability();
  if (!after.fasttext || !after.sklearn) {
    log(
      `peers: COULD NOT INSTALL ${[after.fasttext ? "" : "fasttext", after.sklearn ? "" : "python3-sklearn"].filter(Boolean).join(" and ")}; those peers are not run`,
    );
  }
  return after;
}
