import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createKeywordClassifier } from "./classifier.ts";

const classifier = createKeywordClassifier({
  models: {
    queue: {
      labels: {
        Billing: ["invoice", "rechnung", "refund"],
        "IT Support": ["vpn", "password", "passwort", "/log ?in/i"],
      },
      default_label: "Unclassified",
    },
    priority: { labels: { high: ["urgent", "dringend", "down"], low: ["when you have time"] } },
  },
});

describe("keyword classifier", () => {
  it("picks the label with the most matches, in English and German, on word boundaries", async () => {
    const [en, de, none] = await classifier.classify([
      { text: "Refund for invoice 12, the invoice is wrong", model_name: "queue" },
      { text: "Die Rechnung stimmt nicht", model_name: "queue" },
      { text: "The invoicelike word does not count", model_name: "queue" },
    ]);
    assert.equal(en?.label, "Billing");
    assert.equal(de?.label, "Billing");
    assert.equal(none?.label, "Unclassified");
    assert.equal(none?.confidence, 0);
  });

  it("gives more confidence to more evidence, never 1 and never to a tie", async () => {
    const [one, three, tie] = await classifier.classify([
      { text: "invoice", model_name: "queue" },
      { text: "invoice refund rechnung", model_name: "queue" },
      { text: "invoice vpn", model_name: "queue" },
    ]);
    assert.ok((one?.confidence ?? 1) <= 0.5);
    assert.ok((three?.confidence ?? 0) > (one?.confidence ?? 1));
    assert.ok((three?.confidence ?? 1) < 1);
    assert.equal(tie?.scores[0]?.confidence, tie?.scores[1]?.confidence);
    assert.ok((tie?.confidence ?? 1) <= 1 / 3);
  });

  it("supports /regex/ patterns and returns top-k scores best first", async () => {
    const [result] = await classifier.classify([
      { text: "I cannot log in, password reset fails", model_name: "queue", top_k: 1 },
    ]);
    assert.equal(result?.label, "IT Support");
    assert.equal(result?.scores.length, 1);
  });

  it("selects the model by model_name and refuses an unknown one", async () => {
    const [priority] = await classifier.classify([{ text: "VPN down, dringend!", model_name: "priority" }]);
    assert.equal(priority?.label, "high");
    await assert.rejects(classifier.classify([{ text: "x", model_name: "type" }]), /has no model 'type'/);
  });
});
