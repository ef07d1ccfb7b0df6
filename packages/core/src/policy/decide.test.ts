import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type UnifiedTicket, UnifiedTicketSchema } from "../contracts/ticket.ts";
import type { HelpDeskOptions } from "../contracts/ticket-system.ts";
import { decideTicket } from "./decide.ts";
import type { PlannedDecision, Predictions } from "./decision.ts";
import { type PolicyInput, PolicySchema } from "./schema.ts";

const OPTIONS: HelpDeskOptions = {
  queues: [
    { id: "10", name: "Incoming" },
    { id: "11", name: "Billing and Payments" },
    { id: "12", name: "IT Support" },
    { id: "13", name: "Unclassified" },
  ],
  priorities: [{ name: "low" }, { name: "normal" }, { name: "high" }],
  types: ["question", "incident", "problem", "task"],
  statuses: ["open", "pending"],
  fields: [
    { id: "501", name: "Product", type: "tagger", options: ["mobile_app", "desktop_app"] },
    { id: "502", name: "Order number", type: "text" },
  ],
};

const QUEUE_BANDS: PolicyInput["fields"]["queue"] = {
  bands: [
    { min: 0.5, action: "suggest" },
    { min: 0.92, action: "apply" },
    { min: 0.75, action: "apply_and_flag" },
  ],
  fallback: "Unclassified",
  mapping: { "Billing*": "Billing and Payments", "IT *": "IT Support", "*": "$label" },
};

function ticket(fields: Record<string, unknown> = {}): UnifiedTicket {
  return UnifiedTicketSchema.parse({
    id: "7",
    subject: "SECRET-SUBJECT invoice",
    body: "SECRET-BODY please help",
    queue: { id: "10", name: "Incoming" },
    priority: { name: "normal" },
    ...fields,
  });
}

function decide(
  fields: PolicyInput["fields"],
  predictions: Predictions,
  extra: { ticket?: UnifiedTicket; options?: HelpDeskOptions; note?: PolicyInput["note"] } = {},
) {
  return decideTicket({
    ticket: extra.ticket ?? ticket(),
    predictions,
    policy: PolicySchema.parse({ fields, ...(extra.note ? { note: extra.note } : {}) }),
    options: extra.options ?? OPTIONS,
  });
}

function only(decisions: PlannedDecision[], field: string): PlannedDecision {
  const found = decisions.filter((decision) => decision.field === field);
  assert.equal(found.length, 1, `one decision for ${field}`);
  return found[0] as PlannedDecision;
}

describe("decideTicket: threshold", () => {
  const fields = { queue: { threshold: 0.8, fallback: "Unclassified" } };

  it("applies at and above the threshold", () => {
    for (const confidence of [0.8, 0.99]) {
      const plan = decide(fields, { queue: { label: "IT Support", confidence } });
      assert.deepEqual(plan.changes, { queue: { name: "IT Support" } });
      assert.deepEqual(only(plan.decisions, "queue"), {
        field: "queue",
        predicted: "IT Support",
        value: "IT Support",
        confidence,
        threshold: 0.8,
        outcome: "applied",
        reason: `confidence ${confidence.toFixed(2)} >= 0.80`,
      });
    }
  });

  it("falls back below the threshold by default, with the confidence as the reason", () => {
    const plan = decide(fields, { queue: { label: "IT Support", confidence: 0.79 } });
    assert.deepEqual(plan.changes, { queue: { name: "Unclassified" } });
    const decision = only(plan.decisions, "queue");
    assert.equal(decision.outcome, "fallback");
    assert.equal(decision.value, "Unclassified");
    assert.equal(decision.reason, "confidence 0.79 < 0.80");
  });

  it("shows enough digits that a confidence just below the threshold does not read as equal", () => {
    const plan = decide(fields, { queue: { label: "IT Support", confidence: 0.795 } });
    assert.equal(only(plan.decisions, "queue").reason, "confidence 0.795 < 0.800");
  });
});

describe("decideTicket: bands", () => {
  const fields = { queue: QUEUE_BANDS };

  it("applies in the top band", () => {
    const plan = decide(fields, { queue: { label: "Billing/Refunds", confidence: 0.95 } });
    assert.deepEqual(plan.changes, { queue: { name: "Billing and Payments" } });
    const decision = only(plan.decisions, "queue");
    assert.equal(decision.outcome, "applied");
    assert.equal(decision.threshold, 0.92);
    assert.equal(
      decision.reason,
      "confidence 0.95 >= 0.92 (apply band); label 'Billing/Refunds' maps to 'Billing and Payments'",
    );
  });

  it("applies and flags in the apply_and_flag band: the value, the flag tag and a note line", () => {
    const plan = decide(fields, { queue: { label: "IT Hardware", confidence: 0.8 } });
    assert.deepEqual(plan.changes, { queue: { name: "IT Support" }, add_tags: ["otai-review"] });
    const decision = only(plan.decisions, "queue");
    assert.equal(decision.outcome, "flagged");
    assert.equal(decision.threshold, 0.75);
    assert.equal(
      plan.note,
      "Open Ticket AI\nqueue: flagged for review: IT Support (confidence 0.80 < 0.92; applied, tagged otai-review)",
    );
  });

  it("suggests in the suggest band: nothing written, the suggestion in the note", () => {
    const plan = decide(fields, { queue: { label: "Billing", confidence: 0.6 } });
    assert.deepEqual(plan.changes, {});
    const decision = only(plan.decisions, "queue");
    assert.equal(decision.outcome, "suggested");
    assert.equal(decision.value, "Billing and Payments");
    assert.equal(plan.note, "Open Ticket AI\nqueue: suggested Billing and Payments (confidence 0.60 < 0.75)");
  });

  it("falls back below the lowest band", () => {
    const plan = decide(fields, { queue: { label: "Billing", confidence: 0.3 } });
    assert.deepEqual(plan.changes, { queue: { name: "Unclassified" } });
    assert.equal(only(plan.decisions, "queue").threshold, 0.5);
    assert.equal(plan.note, "Open Ticket AI\nqueue: fell back to Unclassified: confidence 0.30 < 0.50");
  });

  it("uses each field's own flag_tag, once, and not when the ticket already has it", () => {
    const flagged = {
      queue: { ...QUEUE_BANDS, flag_tag: "check-me" },
      priority: { bands: [{ min: 0.5, action: "apply_and_flag" as const }], flag_tag: "check-me" },
      type: { bands: [{ min: 0.5, action: "apply_and_flag" as const }] },
    };
    const predictions = {
      queue: { label: "IT Hardware", confidence: 0.8 },
      priority: { label: "high", confidence: 0.9 },
      type: { label: "incident", confidence: 0.9 },
    };
    assert.deepEqual(decide(flagged, predictions).changes.add_tags, ["check-me", "otai-review"]);
    assert.deepEqual(decide(flagged, predictions, { ticket: ticket({ tags: ["check-me"] }) }).changes.add_tags, [
      "otai-review",
    ]);
  });
});

describe("decideTicket: below actions", () => {
  const prediction = { priority: { label: "high", confidence: 0.62 } };

  it("suggests below the threshold with below: suggest", () => {
    const plan = decide({ priority: { threshold: 0.7, below: "suggest" } }, prediction);
    assert.deepEqual(plan.changes, {});
    assert.equal(only(plan.decisions, "priority").outcome, "suggested");
    assert.equal(plan.note, "Open Ticket AI\npriority: suggested high (confidence 0.62 < 0.70)");
  });

  it("skips below the threshold with below: skip, and says nothing in the note", () => {
    const plan = decide({ priority: { threshold: 0.7, below: "skip", fallback: "normal" } }, prediction);
    assert.deepEqual(plan.changes, {});
    const decision = only(plan.decisions, "priority");
    assert.equal(decision.outcome, "skipped");
    assert.equal(decision.reason, "confidence 0.62 < 0.70 (below: skip)");
    assert.equal(plan.note, null);
  });

  it("leaves the field unchanged on the fallback path when no fallback is set, and says so", () => {
    const plan = decide({ priority: { threshold: 0.7, fallback: null } }, prediction);
    assert.deepEqual(plan.changes, {});
    const decision = only(plan.decisions, "priority");
    assert.equal(decision.outcome, "fallback");
    assert.equal(decision.value, null);
    assert.equal(decision.reason, "confidence 0.62 < 0.70; no fallback is set, so the field is left unchanged");
    assert.equal(plan.note, "Open Ticket AI\npriority: left unchanged (no fallback is set): confidence 0.62 < 0.70");
  });

  it("writes the fallback value when one is set", () => {
    const plan = decide({ priority: { threshold: 0.7, fallback: "low" } }, prediction);
    assert.deepEqual(plan.changes, { priority: { name: "low" } });
    assert.equal(only(plan.decisions, "priority").value, "low");
  });
});

describe("decideTicket: values the help desk does not have", () => {
  it("takes the fallback path for a mapped value the help desk does not have, naming label and value", () => {
    const plan = decide({ queue: QUEUE_BANDS }, { queue: { label: "Sales", confidence: 0.97 } });
    assert.deepEqual(plan.changes, { queue: { name: "Unclassified" } });
    const decision = only(plan.decisions, "queue");
    assert.equal(decision.outcome, "fallback");
    assert.equal(decision.reason, "label 'Sales' maps to queue 'Sales', which the help desk does not have");
    assert.equal(
      plan.note,
      "Open Ticket AI\nqueue: fell back to Unclassified: label 'Sales' maps to queue 'Sales', which the help desk does not have",
    );
  });

  it("takes the fallback path when a mapping has no rule for the label", () => {
    const plan = decide(
      { queue: { threshold: 0.8, fallback: "Unclassified", mapping: { "Billing*": "Billing and Payments" } } },
      { queue: { label: "Sales", confidence: 0.97 } },
    );
    assert.deepEqual(plan.changes, { queue: { name: "Unclassified" } });
    assert.equal(only(plan.decisions, "queue").reason, "label 'Sales' matches no mapping entry");
  });

  it("fails, leaving the field unchanged, when the fallback value is unknown too", () => {
    const plan = decide(
      { queue: { threshold: 0.8, fallback: "Unklassifiziert" } },
      { queue: { label: "Sales", confidence: 0.97 } },
    );
    assert.deepEqual(plan.changes, {});
    const decision = only(plan.decisions, "queue");
    assert.equal(decision.outcome, "failed");
    assert.equal(decision.value, null);
    assert.equal(
      decision.reason,
      "label 'Sales' maps to queue 'Sales', which the help desk does not have; the fallback queue 'Unklassifiziert' cannot be used either, which the help desk does not have; the field is left unchanged",
    );
    assert.match(plan.note ?? "", /^queue: not changed: label 'Sales'/m);
  });

  it("accepts a unique match ignoring case, in the help desk's spelling, and says so", () => {
    const plan = decide({ queue: { threshold: 0.8 } }, { queue: { label: "it support", confidence: 0.9 } });
    assert.deepEqual(plan.changes, { queue: { name: "IT Support" } });
    assert.equal(
      only(plan.decisions, "queue").reason,
      "confidence 0.90 >= 0.80; matched 'it support' to the help desk's 'IT Support' ignoring case",
    );
  });

  it("refuses a match ignoring case that is ambiguous", () => {
    const options = { ...OPTIONS, queues: [...OPTIONS.queues, { name: "it support" }] };
    const plan = decide(
      { queue: { threshold: 0.8, fallback: "Unclassified" } },
      { queue: { label: "IT SUPPORT", confidence: 0.9 } },
      { options },
    );
    assert.deepEqual(plan.changes, { queue: { name: "Unclassified" } });
    assert.match(only(plan.decisions, "queue").reason, /ignoring case it could be any of 'IT Support', 'it support'/);
  });

  it("checks priorities by name and types against options.types", () => {
    const plan = decide(
      { priority: { threshold: 0.5, fallback: "normal" }, type: { threshold: 0.5 } },
      { priority: { label: "critical", confidence: 0.9 }, type: { label: "incident", confidence: 0.9 } },
    );
    assert.deepEqual(plan.changes, { type: "incident" });
    // "normal" is the ticket's priority already, so the fallback changes nothing.
    const priority = only(plan.decisions, "priority");
    assert.equal(priority.outcome, "skipped");
    assert.equal(
      priority.reason,
      "already set (fallback: label 'critical' maps to priority 'critical', which the help desk does not have)",
    );
    const unknownType = decide({ type: { threshold: 0.5 } }, { type: { label: "bug", confidence: 0.9 } });
    assert.equal(only(unknownType.decisions, "type").outcome, "fallback");
    assert.deepEqual(unknownType.changes, {});
  });

  it("accepts values unchecked when the help desk lists nothing for the field, and says so", () => {
    const plan = decide(
      { type: { threshold: 0.5 } },
      { type: { label: "bug", confidence: 0.9 } },
      { options: { ...OPTIONS, types: [] } },
    );
    assert.deepEqual(plan.changes, { type: "bug" });
    assert.match(only(plan.decisions, "type").reason, /not checked: the help desk lists no types/);
  });
});

describe("decideTicket: already set, missing and invalid predictions", () => {
  it("skips a value the ticket already has, matching queues by id", () => {
    const plan = decide(
      { queue: { threshold: 0.8 } },
      { queue: { label: "IT Support", confidence: 0.9 } },
      { ticket: ticket({ queue: { id: "12", name: "IT" } }) },
    );
    assert.deepEqual(plan.changes, {});
    const decision = only(plan.decisions, "queue");
    assert.equal(decision.outcome, "skipped");
    assert.equal(decision.reason, "already set");
    assert.equal(plan.note, null);
  });

  it("skips a configured field without a prediction, and ignores predictions without a policy", () => {
    const plan = decide(
      { queue: { threshold: 0.8 }, priority: { threshold: 0.7 } },
      { queue: { label: "IT Support", confidence: 0.9 }, status: { label: "open", confidence: 1 } },
    );
    assert.deepEqual(
      plan.decisions.map((d) => [d.field, d.outcome, d.reason]),
      [
        ["queue", "applied", "confidence 0.90 >= 0.80"],
        ["priority", "skipped", "no prediction"],
      ],
    );
  });

  it("fails on garbage model output without writing anything or echoing the text", () => {
    const garbage: [unknown, string][] = [
      [{ label: "IT Support", confidence: Number.NaN }, "model output invalid: confidence is NaN"],
      [{ label: "IT Support", confidence: 1.5 }, "model output invalid: confidence 1.5 is outside [0, 1]"],
      [{ label: "IT Support", confidence: -0.1 }, "model output invalid: confidence -0.1 is outside [0, 1]"],
      [{ label: 42, confidence: 0.9 }, "model output invalid: label is a number, not a string"],
      [{ label: "IT Support", confidence: "SECRET-0.9" }, "model output invalid: confidence is a string, not a number"],
      [{ label: "   ", confidence: 0.9 }, "model output invalid: label is empty"],
      [[{ label: "IT Support", confidence: 0.9 }], "model output invalid: expected { label, confidence }, got a list"],
      ["SECRET-TEXT", "model output invalid: expected { label, confidence }, got a string"],
    ];
    for (const [prediction, reason] of garbage) {
      const plan = decide(
        { queue: { threshold: 0.8, fallback: "Unclassified" } },
        { queue: prediction as Predictions[string] },
      );
      const decision = only(plan.decisions, "queue");
      assert.deepEqual([decision.outcome, decision.reason], ["failed", reason]);
      assert.deepEqual(plan.changes, {});
      assert.doesNotMatch(JSON.stringify(plan), /SECRET/);
    }
  });
});

describe("decideTicket: tags", () => {
  const fields = {
    tags: {
      bands: [
        { min: 0.8, action: "apply" as const },
        { min: 0.6, action: "apply_and_flag" as const },
      ],
      max: 2,
      mapping: { "lang-*": "$label", "*": "topic-$label" },
    },
  };

  it("decides each tag on its own, best first, up to max, and flags the unsure ones", () => {
    const plan = decide(fields, {
      tags: [
        { label: "vpn", confidence: 0.7 },
        { label: "billing", confidence: 0.95 },
        { label: "printer", confidence: 0.65 },
        { label: "noise", confidence: 0.2 },
      ],
    });
    assert.deepEqual(plan.changes, { add_tags: ["topic-billing", "topic-vpn", "otai-review"] });
    assert.deepEqual(
      plan.decisions.map((d) => [d.predicted, d.outcome]),
      [
        ["billing", "applied"],
        ["vpn", "flagged"],
        ["printer", "skipped"],
        ["noise", "skipped"],
      ],
    );
    assert.match(plan.decisions[2]?.reason ?? "", /over the maximum of 2 tags$/);
    assert.equal(plan.decisions[3]?.reason, "confidence 0.20 < 0.60 (below: skip)");
  });

  it("skips tags the ticket has, duplicates and invalid tags (on the fallback path), and accepts one prediction alone", () => {
    const plan = decide(
      { tags: { threshold: 0.5, fallback: "needs-triage" } },
      {
        tags: [
          { label: "vpn", confidence: 0.9 },
          { label: "old", confidence: 0.9 },
          { label: "vpn", confidence: 0.8 },
          { label: "two words", confidence: 0.7 },
        ],
      },
      { ticket: ticket({ tags: ["old"] }) },
    );
    assert.deepEqual(plan.changes, { add_tags: ["vpn", "needs-triage"] });
    assert.deepEqual(
      plan.decisions.map((d) => [d.predicted, d.outcome, d.reason]),
      [
        ["vpn", "applied", "confidence 0.90 >= 0.50"],
        ["old", "skipped", "already set"],
        ["vpn", "skipped", "already planned by a surer label"],
        [
          "two words",
          "fallback",
          "label 'two words' maps to tag 'two words', which is not a valid tag (it contains whitespace)",
        ],
      ],
    );
    const single = decide({ tags: { threshold: 0.5 } }, { tags: { label: "vpn", confidence: 0.9 } as never });
    assert.deepEqual(single.changes, { add_tags: ["vpn"] });
  });

  it("checks tags against the help desk's list when it has one and allow_new is false", () => {
    const options = { ...OPTIONS, tags: ["vpn", "billing"] } as HelpDeskOptions;
    const predictions = {
      tags: [
        { label: "VPN", confidence: 0.9 },
        { label: "shiny-new", confidence: 0.9 },
      ],
    };
    const strict = decide({ tags: { threshold: 0.5 } }, predictions, { options });
    assert.deepEqual(strict.changes, { add_tags: ["vpn"] });
    assert.equal(strict.decisions[1]?.outcome, "fallback");
    const open = decide({ tags: { threshold: 0.5, allow_new: true } }, predictions, { options });
    assert.deepEqual(open.changes, { add_tags: ["VPN", "shiny-new"] });
  });

  it("fails a broken tag prediction without stopping the others", () => {
    const plan = decide(
      { tags: { threshold: 0.5 } },
      {
        tags: [
          { label: "vpn", confidence: Number.NaN },
          { label: "billing", confidence: 0.9 },
        ],
      },
    );
    assert.deepEqual(plan.changes, { add_tags: ["billing"] });
    assert.deepEqual(
      plan.decisions.map((d) => [d.predicted, d.outcome]),
      [
        ["billing", "applied"],
        ["vpn", "failed"],
      ],
    );
  });
});

describe("decideTicket: custom fields", () => {
  it("checks a drop-down by option value and writes under the help desk's field name", () => {
    const fields = { "custom_fields.product": { threshold: 0.8, mapping: { "Mobile*": "mobile_app", "*": "$label" } } };
    const plan = decide(fields, { "custom_fields.product": { label: "Mobile (iOS)", confidence: 0.9 } });
    assert.deepEqual(plan.changes, { custom_fields: { Product: "mobile_app" } });
    assert.match(
      only(plan.decisions, "custom_fields.product").reason,
      /custom field 'product' is the help desk's 'Product'/,
    );

    const unknown = decide(fields, { "custom_fields.product": { label: "tablet_app", confidence: 0.9 } });
    assert.deepEqual(unknown.changes, {});
    const decision = only(unknown.decisions, "custom_fields.product");
    assert.equal(decision.outcome, "fallback");
    assert.match(
      decision.reason,
      /^label 'tablet_app' maps to custom_fields.product value 'tablet_app', which the help desk does not have/,
    );
  });

  it("takes any text for a field without options, addressed by id, and skips the current value", () => {
    const fields = { custom_fields: { "502": { threshold: 0.5 } } };
    const plan = decide(fields, { "custom_fields.502": { label: "A-17", confidence: 0.9 } });
    assert.deepEqual(plan.changes, { custom_fields: { "502": "A-17" } });
    const same = decide(
      fields,
      { "custom_fields.502": { label: "A-17", confidence: 0.9 } },
      { ticket: ticket({ custom_fields: { "502": "A-17" } }) },
    );
    assert.equal(only(same.decisions, "custom_fields.502").reason, "already set");
  });

  it("fails every decision on a custom field the help desk does not have", () => {
    const plan = decide(
      { "custom_fields.region": { threshold: 0.5, fallback: "EMEA" } },
      { "custom_fields.region": { label: "EMEA", confidence: 0.9 } },
    );
    assert.deepEqual(plan.changes, {});
    const decision = only(plan.decisions, "custom_fields.region");
    assert.deepEqual([decision.outcome, decision.reason], ["failed", "the help desk has no custom field 'region'"]);
  });
});

describe("decideTicket: the note", () => {
  const fields = {
    queue: QUEUE_BANDS,
    priority: { threshold: 0.7, below: "suggest" as const },
    type: { threshold: 0.7 },
  };
  const predictions = {
    queue: { label: "Billing", confidence: 0.94 },
    priority: { label: "high", confidence: 0.62 },
    type: { label: "question", confidence: 0.3 },
  };

  it("lists what was applied, suggested and why, under the header, one line each", () => {
    const plan = decide(fields, predictions);
    assert.equal(
      plan.note,
      [
        "Open Ticket AI",
        "queue: Billing and Payments (confidence 0.94, applied)",
        "priority: suggested high (confidence 0.62 < 0.70)",
        "type: left unchanged (no fallback is set): confidence 0.30 < 0.70",
      ].join("\n"),
    );
  });

  it("is null when disabled or when there is nothing to say, and takes a custom header", () => {
    assert.equal(decide(fields, predictions, { note: { enabled: false } }).note, null);
    assert.equal(decide(fields, {}).note, null);
    assert.match(decide(fields, predictions, { note: { header: "Routing bot" } }).note ?? "", /^Routing bot\nqueue:/);
  });

  it("never writes a value with a line break, even where the help desk lists nothing to check against", () => {
    const plan = decide(
      { type: { threshold: 0.5, fallback: "question" } },
      { type: { label: "bug\nqueue: Billing", confidence: 0.9 } },
      { options: { ...OPTIONS, types: [] } },
    );
    assert.deepEqual(plan.changes, { type: "question" });
    assert.equal(
      only(plan.decisions, "type").reason,
      "label 'bug queue: Billing' maps to type 'bug queue: Billing', which contains a line break or control character; fallback not checked: the help desk lists no types",
    );
  });

  it("never contains ticket text, and a label cannot add lines of its own", () => {
    const plan = decide(
      { queue: { threshold: 0.5, fallback: "Unclassified" } },
      { queue: { label: "Nope\nqueue: Billing and Payments (confidence 1.00, applied)", confidence: 0.9 } },
    );
    assert.equal(plan.note?.split("\n").length, 2);
    assert.doesNotMatch(plan.note ?? "", /SECRET/);
    assert.match(plan.note ?? "", /^queue: fell back to Unclassified: label 'Nope queue: Billing/m);
  });
});
