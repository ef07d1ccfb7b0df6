/**
 * Every example config in examples/ stays valid against the installed plugins.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { formatIssue, prepare } from "@otai/core";

const EXAMPLES = new URL("../../../examples/", import.meta.url).pathname;
const REPO = new URL("../../../", import.meta.url).pathname;
const configs = [
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith(".yml") && f !== "docker-compose.yml"),
  ...readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(EXAMPLES, d.name, "config.yml")))
    .map((d) => join(d.name, "config.yml")),
];
// Stand-in values for the secrets the examples read with get_env.
const environment = Object.fromEntries(
  [
    "ZENDESK_EMAIL",
    "ZENDESK_API_TOKEN",
    "ZENDESK_WEBHOOK_SECRET",
    "OTAI_METRICS_TOKEN",
    "OTAI_DEMO_ZENDESK_URL",
    "OTAI_DEMO_ZENDESK_EMAIL",
    "OTAI_DEMO_ZENDESK_TOKEN",
  ].map((name) => [name, name.endsWith("_URL") ? "http://127.0.0.1:9" : "stand-in"]),
);

describe("example configs", () => {
  it("finds the examples", () => assert.ok(configs.length >= 4, configs.join(", ")));
  for (const config of configs) {
    it(`${config} is valid`, async () => {
      const prepared = await prepare({ config: join(EXAMPLES, config), cwd: REPO, environment, renderServices: true });
      assert.deepEqual(prepared.issues.map(formatIssue), []);
    });
  }
});
