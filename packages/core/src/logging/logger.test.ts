import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { createRecorder, createRecordingPlugin, pipelineConfig, runConfig } from "@otai/testkit";
import { createSecretRegistry } from "./secrets.ts";

const SECRET = "zd-Token-7f3a9c1e55";

describe("log redaction", () => {
  it("never writes a token from get_env, even at DEBUG, and keeps ticket text out of INFO", async () => {
    const recorder = createRecorder();
    const config = pipelineConfig(
      `- id: use
  use: fake:UsesServicePipe
  injects: { dependency: zendesk }
- id: echo
  use: fake:RecordPipe
  params: { value: "Authorization: Basic {{ get_env('ZENDESK_API_TOKEN') }} body=Sensitive customer text" }`,
      {
        services:
          "zendesk:\n  use: fake:CountedService\n  params: { api_token: \"{{ get_env('ZENDESK_API_TOKEN') }}\" }",
      },
    );
    const debug = await runConfig(config, {
      plugins: [createRecordingPlugin(recorder)],
      environment: { ZENDESK_API_TOKEN: SECRET },
    });
    assert.ok(debug.logs.length > 0);
    assert.ok(
      debug.logs.some((line) => line.includes("Sensitive customer text")),
      "rendered params are logged at DEBUG",
    );
    assert.ok(!debug.logs.some((line) => line.includes(SECRET)), "the token must not appear in any log line");
    assert.ok(debug.logs.some((line) => line.includes("[REDACTED]")));
    // The pipe itself still received the real value: redaction is for logs only.
    assert.match(String(recorder.runs[0]?.params), new RegExp(SECRET));

    const info = await runConfig(config, {
      plugins: [createRecordingPlugin(createRecorder())],
      environment: { ZENDESK_API_TOKEN: SECRET },
      logLevel: "INFO",
    });
    assert.ok(!info.logs.some((line) => line.includes("Sensitive customer text")));
  });

  it("keeps rendered values (ticket text) out of the error when rendered params do not validate", async () => {
    const config = pipelineConfig(
      `- id: update
  use: base:UpdateTicketPipe
  injects: { ticket_system: desk }
  params: { ticket_id: "1", updated_ticket: { add_tags: "{{ 'Sensitive body text' }}" } }`,
      { services: "desk:\n  use: base:InMemoryTicketSystemService" },
    );
    const { outcomes, logs } = await runConfig(config, { logLevel: "INFO" });
    const message = outcomes[0]?.incidents[0]?.error.message ?? "";
    assert.match(message, /add_tags: expected array, got a string/);
    assert.ok(!message.includes("Sensitive body text"));
    assert.ok(!logs.some((line) => line.includes("Sensitive body text")));
  });

  it("also writes redacted JSON lines to log_file_path when log_to_file is set", async () => {
    const config = pipelineConfig(
      `- id: echo
  use: fake:RecordPipe
  params: { value: "{{ get_env('OTAI_ZNUNY_PASSWORD') }}" }`,
    ).replace(
      "open_ticket_ai:\n",
      "open_ticket_ai:\n  infrastructure:\n    logging: { level: DEBUG, log_to_file: true, log_file_path: logs/otai.log }\n",
    );
    const { dir } = await runConfig(config, {
      plugins: [createRecordingPlugin(createRecorder())],
      environment: { OTAI_ZNUNY_PASSWORD: SECRET },
    });
    const lines = readFileSync(join(dir, "logs", "otai.log"), "utf8")
      .trim()
      .split("\n");
    assert.ok(lines.length > 2);
    assert.ok(lines.every((line) => typeof JSON.parse(line).msg === "string"));
    assert.ok(!lines.some((line) => line.includes(SECRET)));
  });

  it("scrubs registered values and auth headers anywhere in a line", () => {
    const secrets = createSecretRegistry();
    secrets.add("hunter2-password");
    assert.equal(
      secrets.scrub('{"msg":"login with hunter2-password failed"}'),
      '{"msg":"login with [REDACTED] failed"}',
    );
    assert.equal(secrets.scrub("Authorization: Bearer abc.def.ghi123"), "Authorization: Bearer [REDACTED]");
    secrets.addFromParams({ nested: { password: "p4ssw0rd!", base_url: "https://x.test" } });
    assert.equal(secrets.scrub("p4ssw0rd! https://x.test"), "[REDACTED] https://x.test");
  });
});
