/**
 * What the engine tests against the fake Zendesk share: a seed of new tickets waiting in "Incoming"
 * (with "Billing" to route them to), the YAML that fetches and routes them, and real `otai run`
 * processes to kill or stop.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakeZendeskSeed } from "@otai/testkit";

export const INCOMING = 1;
export const BILLING = 2;

/** `count` new tickets in Incoming. */
export function incomingSeed(count: number, text: (n: number) => { subject: string; body: string }): FakeZendeskSeed {
  return {
    groups: [
      { id: INCOMING, name: "Incoming" },
      { id: BILLING, name: "Billing" },
    ],
    tickets: Array.from({ length: count }, (_, i) => {
      const { subject, body } = text(i + 1);
      return { subject, comments: [{ body }], group_id: INCOMING, status: "new" as const };
    }),
  };
}

/** The fetch step for new tickets in Incoming (indented for a composite's `steps:` at 18 spaces). */
export const FETCH_INCOMING = `                  - id: fetch
                    use: base:FetchTicketsPipe
                    injects: { ticket_system: zendesk }
                    params: { ticket_search_criteria: { queue: { name: Incoming }, status: new, limit: 100 } }`;

const BIN = new URL("../bin/otai.js", import.meta.url).pathname;
const REPO = new URL("../../..", import.meta.url).pathname;

export interface OtaiProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
}

/** Starts `otai run --config <dir>/config.yml` as a real process, from the repository (for plugin discovery). */
export function spawnOtaiRun(dir: string): OtaiProcess {
  const child = spawn(process.execPath, [BIN, "run", "--config", join(dir, "config.yml"), "--log-format", "json"], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/**
 * A config that polls Incoming every 10 ms and runs `eachSteps` per ticket (YAML for a for-each's
 * `steps:`, indented at 24 spaces), in a folder of its own; returns the folder.
 */
export function writeRouteConfig(
  url: string,
  options: { engine?: string; zendeskParams?: string; eachParams: string; eachSteps: string },
): string {
  const dir = mkdtempSync(join(tmpdir(), "otai-fake-zendesk-"));
  writeFileSync(
    join(dir, "config.yml"),
    `open_ticket_ai:
  plugins: [otai-zendesk]
  services:
    zendesk:
      use: zendesk:ZendeskTicketSystemService
      params: { base_url: "${url}", email: agent@example.test, api_token: fake-api-token${options.zendeskParams ?? ""} }
  engine:
    state: { path: state.sqlite }
${options.engine ?? ""}
  orchestrator:
    use: base:SimpleSequentialOrchestrator
    params:
      orchestrator_sleep: PT0.01S
      steps:
        - id: runner
          use: base:SimpleSequentialRunner
          params:
            on: { use: base:IntervalTrigger, params: { interval: PT0.01S } }
            run:
              id: route
              use: base:CompositePipe
              params:
                steps:
${FETCH_INCOMING}
                  - id: each
                    use: base:ForEachTicketPipe
                    injects: { ticket_system: zendesk }
                    params:
                      tickets: "{{ get_pipe_result('fetch', 'fetched_tickets') }}"
${options.eachParams}
                      steps:
${options.eachSteps}
`,
  );
  return dir;
}
