/**
 * examples/zendesk.yml, run once against the fake Zendesk of the test kit.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { runConfig, startFakeZendesk } from "@otai/testkit";
import keywordsPlugin from "otai-keywords";
import zendeskPlugin from "./plugin.ts";

const example = readFileSync(new URL("../../../examples/zendesk.yml", import.meta.url), "utf8");

describe("examples/zendesk.yml against the fake Zendesk", () => {
  it("routes a confident ticket to its group, an unclear one to the fallback group, each with an internal note", async () => {
    const fake = await startFakeZendesk({ credentials: { email: "otai-bot@acme.example", apiToken: "example-token" } });
    try {
      fake.seed({
        groups: [
          { id: 1, name: "Incoming" },
          { id: 2, name: "Billing" },
          { id: 3, name: "Triage" },
        ],
        tickets: [
          {
            id: 10,
            subject: "Refund please",
            status: "new",
            group_id: 1,
            comments: [{ body: "I was charged twice, refund the payment" }],
          },
          { id: 11, subject: "Hello", status: "new", group_id: 1, comments: [{ body: "Just saying hi" }] },
        ],
      });
      const config = example.replace("domain: acme ", `base_url: "${fake.url}" `);
      assert.notEqual(config, example);
      const plugins = [zendeskPlugin, keywordsPlugin];
      const run = await runConfig(config, { plugins, environment: { ZENDESK_API_TOKEN: "example-token" }, cycles: 3 });
      assert.ok(
        run.outcomes.every((o) => o.ok),
        JSON.stringify(run.outcomes.flatMap((o) => o.incidents.map((i) => i.error.message))),
      );
      assert.equal(fake.ticket(10)?.group_id, 2);
      assert.equal(fake.ticket(11)?.group_id, 3);
      for (const id of [10, 11]) {
        const note = fake.comments(id).at(-1);
        assert.equal(note?.public, false);
        assert.match(note?.body ?? "", /Open Ticket AI/);
        assert.ok(fake.ticket(id)?.tags?.includes("otai_triaged"));
      }
      assert.match(fake.comments(11).at(-1)?.body ?? "", /Not sure; sent to Triage/);
      assert.ok(!run.logs.some((line) => line.includes("example-token")));
    } finally {
      await fake.close();
    }
  });
});
