import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fakeHfLocalPlugin, fakeOtoboZnunyPlugin } from "@otai/testkit";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { loadRegistry } from "../engine/prepare.ts";
import { configJsonSchema } from "./json-schema.ts";

const { registry } = await loadRegistry({ plugins: [fakeOtoboZnunyPlugin, fakeHfLocalPlugin] });
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(configJsonSchema(registry));
const read = (path: string) => parse(readFileSync(new URL(path, import.meta.url), "utf8"), { merge: true });

describe("config JSON Schema (for editors), with the stand-in OTAI plugins", () => {
  it("accepts the quick-start config and OTAI's installation-guide config", () => {
    for (const path of [
      "../../../../examples/quickstart/config.yml",
      "../../../testkit/fixtures/configs/otai-installation-guide.yml",
    ]) {
      assert.equal(validate(read(path)), true, `${path}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
  });

  it("flags a misspelled key, an unknown component id and a wrong literal type", () => {
    const bad = (config: unknown) => {
      assert.equal(validate(config), false);
    };
    bad({ open_ticket_ai: { orchestrater: {} } });
    bad({ open_ticket_ai: { orchestrator: { use: "base:CompositPipe" } } });
    bad({ open_ticket_ai: { orchestrator: { use: "base:IntervalTrigger", params: { interval: true } } } });
    bad({ open_ticket_ai: { services: { s: { use: "base:JinjaRenderer", parms: {} } } } });
  });

  it("lets any value be a template, and knows nested steps are pipes", () => {
    const config = {
      open_ticket_ai: {
        services: { desk: { use: "base:InMemoryTicketSystemService" } },
        orchestrator: {
          use: "base:CompositePipe",
          params: {
            steps: [
              {
                id: "fetch",
                use: "base:FetchTicketsPipe",
                injects: { ticket_system: "desk" },
                params: { ticket_search_criteria: { limit: "{{ 5 }}" } },
              },
            ],
          },
        },
      },
    };
    assert.equal(validate(config), true, JSON.stringify(validate.errors?.slice(0, 3)));
    const steps = config.open_ticket_ai.orchestrator.params.steps;
    (steps[0] as Record<string, unknown>).use = "base:NoSuchPipe";
    assert.equal(validate(config), false);
  });
});
