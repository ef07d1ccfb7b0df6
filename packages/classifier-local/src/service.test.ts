import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isClassifier, isOtaiError } from "@otai/core";
import { pipelineConfig, runConfig } from "@otai/testkit";
import { saveModel } from "./model/files.ts";
import { syntheticExamples } from "./model/synthetic-examples.ts";
import { trainModel } from "./model/train.ts";
import plugin, { LocalClassificationService } from "./plugin.ts";
import type { LocalClassifier } from "./service.ts";

const dir = mkdtempSync(join(tmpdir(), "otai-local-service-"));
const model = await trainModel(syntheticExamples(300, 41), { seed: 1 });
await saveModel(model, join(dir, "tickets.otai"));

function create(params: Record<string, unknown>): Promise<LocalClassifier> {
  const parsed = LocalClassificationService.params.parse(params);
  const context = { baseDir: dir } as Parameters<typeof LocalClassificationService.create>[1];
  return Promise.resolve(LocalClassificationService.create(parsed, context)) as Promise<LocalClassifier>;
}

describe("local:LocalClassificationService", () => {
  it("registers the service and the pipe under the local prefix", () => {
    const names: string[] = [];
    plugin.setup({ apiVersion: "1.0.0", register: (c) => names.push(`${c.kind}:${c.name}`) });
    assert.equal(plugin.prefix, "local");
    assert.deepEqual(names, ["classifier:LocalClassificationService", "pipe:DetectLanguagePipe"]);
  });

  it("classifies a batch with the first head by default, or the head named by model_name", async () => {
    const classifier = await create({ model: "tickets.otai", top_k: 2 });
    assert.ok(isClassifier(classifier));
    const [queue, priority, unknown] = await classifier.classify([
      { text: "Hello, invoice, refund, thank you" },
      { text: "Hola, factura, urgente, todo está bloqueado", model_name: "priority", top_k: 1 },
      { text: "Hello, invoice, refund", model_name: "some-old-otai-model" },
    ]);
    assert.equal(queue?.label, "billing");
    assert.equal(queue?.scores.length, 2);
    assert.equal(priority?.label, "high");
    assert.equal(priority?.scores.length, 1);
    assert.equal(unknown?.label, "billing", "an unknown model_name falls back to the default head");
    assert.deepEqual(classifier.info?.(), {
      id: model.meta.id,
      version: "1",
      labels: ["billing", "sales", "technical"],
    });
  });

  it("answers model_name 'tags' with the tag head, and predictAll with everything", async () => {
    const classifier = await create({ model: "tickets.otai", head: "priority" });
    const [tags] = await classifier.classify([
      { text: "Hallo, server ausgefallen, dringend, alles ist blockiert", model_name: "tags" },
    ]);
    assert.deepEqual(tags?.scores.map((s) => s.label).sort(), ["escalate", "incident"]);
    const [all] = await classifier.predictAll(["Bonjour, facture, remboursement, merci beaucoup"]);
    assert.equal(all?.heads.queue?.label, "billing");
    assert.equal(all?.language, "fr");
    const [byDefault] = await classifier.classify([{ text: "Hello, quote, pricing" }]);
    assert.ok(byDefault?.label === "normal" || byDefault?.label === "high", "head param selects priority");
  });

  it("fails clearly on a missing model file or an unknown head", async () => {
    await assert.rejects(
      create({ model: "nope.otai" }),
      (e) => isOtaiError(e, "OTAI_MODEL_INVALID") && e.message.includes("nope.otai"),
    );
    await assert.rejects(create({ model: "tickets.otai", head: "team" }), (e) => isOtaiError(e, "OTAI_MODEL_INVALID"));
    assert.throws(() => LocalClassificationService.params.parse({ model: "x", extra: 1 }));
  });

  it("runs inside a config: ClassificationPipe with model_name picks the head, DetectLanguagePipe answers", async () => {
    const steps = `- id: cls
  use: base:ClassificationPipe
  injects: { classification_service: local_model }
  params: { text: "Hola, factura, urgente, todo está bloqueado", model_name: priority }
- id: lang
  use: local:DetectLanguagePipe
  params: { text: "Mein Drucker funktioniert seit gestern nicht mehr und ich kann nichts drucken." }`;
    const services = `local_model:
  use: local:LocalClassificationService
  params: { model: ${JSON.stringify(join(dir, "tickets.otai"))} }`;
    const { outcomes, logs } = await runConfig(pipelineConfig(steps, { services }), { plugins: [plugin] });
    assert.equal(outcomes[0]?.ok, true, logs.join("\n"));
    const text = JSON.stringify(outcomes[0]?.result);
    assert.match(text, /"label":"high"/);
    assert.match(text, /"language":"de"/);
  });
});
