import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

const BIN = new URL("../../bin/otai.js", import.meta.url).pathname;

const config = `open_ticket_ai:
  services:
    desk: { use: base:JsonlTicketSystemService, params: { path: tickets.jsonl } }
  orchestrator:
    use: base:SimpleSequentialOrchestrator
    params:
      orchestrator_sleep: PT0.01S
      steps:
        - id: runner
          use: base:SimpleSequentialRunner
          params:
            on: { id: tick, use: base:IntervalTrigger, params: { interval: PT0.05S } }
            run:
              id: fetch
              use: base:FetchTicketsPipe
              injects: { ticket_system: desk }
`;

describe("otai run as a long-running process", () => {
  it("polls until SIGTERM, then stops cleanly with exit code 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "otai-signal-"));
    writeFileSync(join(dir, "config.yml"), config);
    writeFileSync(join(dir, "tickets.jsonl"), `${JSON.stringify({ id: "1", subject: "s", queue: { name: "Q" } })}\n`);
    const child = spawn(process.execPath, [BIN, "run", "--config", join(dir, "config.yml"), "--log-format", "json"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let fetches = 0;
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no polling seen; output: ${output}`)), 10_000);
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk;
        fetches = output.split("fetched tickets").length - 1;
        if (fetches >= 3) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill("SIGTERM");
    const code = await exited;
    assert.equal(code, 0);
    assert.ok(fetches >= 3, "it kept polling on its interval");
    assert.match(output, /"signal":"SIGTERM"/);
    assert.match(output, /"msg":"stopped"/);
  });
});
