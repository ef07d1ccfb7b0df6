import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { issuesFromZod } from "../config/issues.ts";
import { parseYamlWithSource } from "../config/source.ts";
import { isOtaiError } from "../errors.ts";
import { parsePolicy } from "./parse-policy.ts";
import { PolicySchema } from "./schema.ts";

/** Parses YAML through the schema and returns the loader's issues: path, message, hint, line. */
function issuesOf(yaml: string) {
  const { value } = parseYamlWithSource(yaml, "policy.yml");
  const parsed = PolicySchema.safeParse(value);
  assert.equal(parsed.success, false, "expected the policy to be rejected");
  return issuesFromZod((parsed as { error: z.ZodError }).error, {
    raw: value,
    rawPath: ["policy"],
    schema: PolicySchema,
  }).map((issue) => ({ path: issue.path, message: issue.message, hint: issue.hint, line: issue.position?.line }));
}

describe("PolicySchema: normalising", () => {
  it("turns a threshold into one apply band with the documented defaults", () => {
    const policy = PolicySchema.parse({ fields: { queue: { threshold: 0.8, fallback: "Unclassified" } } });
    assert.deepEqual(policy.fields.queue, {
      bands: [{ min: 0.8, action: "apply" }],
      below: "fallback",
      fallback: "Unclassified",
      mapping: null,
      flag_tag: "otai-review",
    });
    assert.deepEqual(policy.note, { enabled: true, header: "Open Ticket AI" });
    assert.deepEqual(policy.fields.custom_fields, {});
  });

  it("sorts bands from the highest min down and accepts a threshold equal to the lowest band", () => {
    const policy = PolicySchema.parse({
      fields: {
        queue: {
          threshold: 0.5,
          bands: [
            { min: 0.5, action: "suggest" },
            { min: 0.92, action: "apply" },
            { min: 0.75, action: "apply_and_flag" },
          ],
        },
      },
    });
    assert.deepEqual(
      policy.fields.queue?.bands.map((band) => band.min),
      [0.92, 0.75, 0.5],
    );
  });

  it("keeps mapping order as written, in the object and the list form", () => {
    const policy = PolicySchema.parse({
      fields: {
        queue: { threshold: 0.8, mapping: { "Billing*": "Billing", "*": "$label" } },
        priority: { threshold: 0.7, mapping: [{ "*": "normal" }, { "1": "urgent" }] },
      },
    });
    assert.deepEqual(policy.fields.queue?.mapping, [
      { pattern: "Billing*", value: "Billing" },
      { pattern: "*", value: "$label" },
    ]);
    assert.deepEqual(
      policy.fields.priority?.mapping?.map((rule) => rule.pattern),
      ["*", "1"],
    );
  });

  it("defaults tags to below: skip, no max and allow_new: false", () => {
    const policy = PolicySchema.parse({ fields: { tags: { threshold: 0.6 } } });
    assert.equal(policy.fields.tags?.below, "skip");
    assert.equal(policy.fields.tags?.max, null);
    assert.equal(policy.fields.tags?.allow_new, false);
  });

  it("reads custom fields from `custom_fields.<name>` keys and from a nested custom_fields map", () => {
    const policy = PolicySchema.parse({
      fields: {
        "custom_fields.product": { threshold: 0.8 },
        custom_fields: { region: { threshold: 0.9, fallback: "unknown" } },
      },
    });
    assert.deepEqual(Object.keys(policy.fields.custom_fields).sort(), ["product", "region"]);
    assert.equal(policy.fields.custom_fields.region?.fallback, "unknown");
  });

  it("produces a JSON Schema for editors (io: input), listing the field keys", () => {
    const schema = z.toJSONSchema(PolicySchema, { io: "input", unrepresentable: "any" }) as unknown as {
      properties: { fields: { properties: Record<string, unknown> } };
    };
    assert.deepEqual(Object.keys(schema.properties.fields.properties).sort(), [
      "custom_fields",
      "priority",
      "queue",
      "tags",
      "type",
    ]);
  });
});

describe("PolicySchema: errors name their path", () => {
  it("rejects a threshold outside [0, 1], at its line", () => {
    assert.deepEqual(issuesOf("fields:\n  queue:\n    threshold: 1.5\n"), [
      { path: "policy.fields.queue.threshold", message: "must be between 0 and 1, got 1.5", hint: undefined, line: 3 },
    ]);
  });

  it("rejects a band min outside [0, 1] and an unknown band action", () => {
    const issues = issuesOf(
      "fields:\n  queue:\n    bands:\n      - { min: 0.9, action: apply }\n      - { min: -0.1, action: flag }\n",
    );
    assert.deepEqual(
      issues.map((issue) => [issue.path, issue.message]),
      [
        ["policy.fields.queue.bands[1].min", "must be between 0 and 1, got -0.1"],
        [
          "policy.fields.queue.bands[1].action",
          'unknown action "flag"; expected one of: apply, apply_and_flag, suggest, fallback, skip',
        ],
      ],
    );
  });

  it("reports an unknown key with a did-you-mean, in a field and among the fields", () => {
    const issues = issuesOf("fields:\n  queue:\n    treshold: 0.8\n  priorty: { threshold: 0.7 }\n");
    const byPath = new Map(issues.map((issue) => [issue.path, issue]));
    assert.equal(byPath.get("policy.fields.queue.treshold")?.message, "unknown key 'treshold'");
    assert.equal(byPath.get("policy.fields.queue.treshold")?.hint, "did you mean 'threshold'?");
    assert.equal(byPath.get("policy.fields.priorty")?.hint, "did you mean 'priority'?");
    assert.equal(byPath.get("policy.fields.priorty")?.line, 4);
    // Without threshold or bands the queue has no confidence that is good enough.
    assert.match(byPath.get("policy.fields.queue")?.message ?? "", /set `threshold` or `bands`/);
  });

  it("refuses tag-only settings on other fields", () => {
    const issues = issuesOf("fields:\n  queue: { threshold: 0.8, max: 3 }\n");
    assert.deepEqual(
      issues.map((issue) => issue.path),
      ["policy.fields.queue.max"],
    );
  });

  it("reports a threshold that disagrees with the bands, and two bands with the same min", () => {
    const issues = issuesOf(
      "fields:\n  queue:\n    threshold: 0.6\n    bands: [{ min: 0.9, action: apply }, { min: 0.9, action: suggest }]\n",
    );
    assert.deepEqual(issues.map((issue) => issue.path).sort(), [
      "policy.fields.queue.bands[1].min",
      "policy.fields.queue.threshold",
    ]);
    const threshold = issues.find((issue) => issue.path.endsWith("threshold"));
    assert.match(threshold?.message ?? "", /threshold 0.6 disagrees with bands, whose lowest min is 0.9/);
  });

  it("rejects invalid tags as flag_tag or tags fallback, an empty mapping, and a field configured twice", () => {
    const issues = issuesOf(
      [
        "fields:",
        "  queue: { threshold: 0.8, flag_tag: 'needs review', mapping: {} }",
        "  tags: { threshold: 0.6, fallback: 'a,b' }",
        "  custom_fields.product: { threshold: 0.8 }",
        "  custom_fields: { product: { threshold: 0.7 } }",
      ].join("\n"),
    );
    assert.deepEqual(issues.map((issue) => [issue.path, issue.message]).sort(), [
      [
        "policy.fields.custom_fields.product",
        "custom field 'product' is configured twice (here and under custom_fields)",
      ],
      ["policy.fields.queue.flag_tag", "'needs review' is not a valid tag: it contains whitespace"],
      ["policy.fields.queue.mapping", "the mapping is empty; leave `mapping` out to use the labels as they are"],
      ["policy.fields.tags.fallback", "'a,b' is not a valid tag: it contains a comma"],
    ]);
  });

  it("rejects a policy with no fields and an unknown top-level key", () => {
    const issues = issuesOf("fields: {}\nnotes: { enabled: false }\n");
    assert.deepEqual(
      issues.map((issue) => [issue.path, issue.hint]),
      [
        ["policy.fields", undefined],
        ["policy.notes", "did you mean 'note'?"],
      ],
    );
  });
});

describe("parsePolicy", () => {
  it("returns the normalised policy", () => {
    assert.equal(parsePolicy({ fields: { type: { threshold: 0.7 } } }).fields.type?.bands[0]?.min, 0.7);
  });

  it("throws OTAI_POLICY_INVALID listing every problem with its path", () => {
    assert.throws(
      () => parsePolicy({ fields: { queue: { threshold: 2 }, tags: { threshold: 0.5, max: 0 } } }, ["policy"]),
      (error: unknown) =>
        isOtaiError(error, "OTAI_POLICY_INVALID") &&
        error.message.includes("policy.fields.queue.threshold: must be between 0 and 1, got 2") &&
        error.message.includes("policy.fields.tags.max: max must be a whole number of at least 1") &&
        (error.details.issues as unknown[]).length === 2,
    );
  });
});
