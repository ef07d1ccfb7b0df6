import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectLanguage } from "./detect-language.ts";
import { DetectLanguagePipe } from "./detect-language-pipe.ts";

const SAMPLES: Record<string, string> = {
  en: "My printer stopped working yesterday and I cannot print any invoices, please help.",
  de: "Mein Drucker funktioniert seit gestern nicht mehr und ich kann keine Rechnungen drucken.",
  fr: "Mon imprimante ne fonctionne plus depuis hier et je ne peux plus imprimer les factures.",
  es: "Mi impresora dejó de funcionar ayer y no puedo imprimir ninguna factura, por favor ayuda.",
  pt: "Minha impressora parou de funcionar ontem e não consigo imprimir nenhuma fatura, por favor.",
};

describe("detectLanguage", () => {
  for (const [language, text] of Object.entries(SAMPLES)) {
    it(`detects ${language}`, () => assert.equal(detectLanguage(text), language));
  }

  it("is undefined when unsure", () => {
    assert.equal(detectLanguage(""), undefined);
    assert.equal(detectLanguage("12345 !!!"), undefined);
  });

  it("DetectLanguagePipe returns the language, or null", async () => {
    const run = (text: string) =>
      DetectLanguagePipe.process({ params: { text } } as Parameters<typeof DetectLanguagePipe.process>[0]);
    const de = await run(SAMPLES.de ?? "");
    assert.equal(de.succeeded, true);
    assert.deepEqual(de.data, { language: "de" });
    assert.deepEqual((await run("42")).data, { language: null });
  });
});
