/**
 * @module model/synthetic-examples
 * Small made-up multilingual tickets for the tests (our own text; no third-party data). Each queue
 * has its own words in five languages; some tickets mix in another queue's words and a share of
 * labels is flipped, so that confidences have something to be calibrated against.
 */
import { createRandom } from "./random.ts";
import type { TrainingExample } from "./types.ts";

const QUEUES: Record<string, Record<string, string[]>> = {
  billing: {
    en: ["invoice", "refund", "charged twice", "payment", "billing address"],
    de: ["rechnung", "erstattung", "doppelt abgebucht", "zahlung", "rechnungsadresse"],
    fr: ["facture", "remboursement", "débité deux fois", "paiement", "adresse de facturation"],
    es: ["factura", "reembolso", "cobrado dos veces", "pago", "dirección de facturación"],
    pt: ["fatura", "reembolso", "cobrado duas vezes", "pagamento", "endereço de cobrança"],
  },
  technical: {
    en: ["server down", "error message", "cannot log in", "crash", "network outage"],
    de: ["server ausgefallen", "fehlermeldung", "anmeldung unmöglich", "absturz", "netzwerkausfall"],
    fr: ["serveur en panne", "message d'erreur", "connexion impossible", "plantage", "panne réseau"],
    es: ["servidor caído", "mensaje de error", "no puedo iniciar sesión", "fallo", "caída de red"],
    pt: ["servidor fora do ar", "mensagem de erro", "não consigo entrar", "travamento", "queda de rede"],
  },
  sales: {
    en: ["quote", "pricing", "new licence", "demo", "upgrade plan"],
    de: ["angebot", "preise", "neue lizenz", "vorführung", "tarif upgrade"],
    fr: ["devis", "tarifs", "nouvelle licence", "démonstration", "changer d'offre"],
    es: ["presupuesto", "precios", "nueva licencia", "demostración", "mejorar plan"],
    pt: ["orçamento", "preços", "nova licença", "demonstração", "mudar de plano"],
  },
};

const FILLER: Record<string, string[]> = {
  en: ["hello", "please help", "thank you", "regards", "since yesterday", "our team", "as soon as possible"],
  de: ["hallo", "bitte helfen sie", "vielen dank", "mit freundlichen grüßen", "seit gestern", "unser team"],
  fr: ["bonjour", "aidez-nous s'il vous plaît", "merci beaucoup", "cordialement", "depuis hier", "notre équipe"],
  es: ["hola", "por favor ayúdenos", "muchas gracias", "saludos", "desde ayer", "nuestro equipo"],
  pt: ["olá", "por favor ajudem", "muito obrigado", "atenciosamente", "desde ontem", "nossa equipe"],
};

const URGENT: Record<string, string> = {
  en: "urgent, everything is blocked",
  de: "dringend, alles ist blockiert",
  fr: "urgent, tout est bloqué",
  es: "urgente, todo está bloqueado",
  pt: "urgente, tudo está bloqueado",
};

export const SYNTHETIC_LANGUAGES = ["en", "de", "fr", "es", "pt"] as const;

export interface SyntheticExample extends TrainingExample {
  language: string;
}

/**
 * @example
 * const examples = syntheticExamples(300, 1);
 */
export function syntheticExamples(count: number, seed: number, noise = 0.1): SyntheticExample[] {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const queues = Object.keys(QUEUES);
  const out: SyntheticExample[] = [];
  for (let i = 0; i < count; i++) {
    const language = pick(SYNTHETIC_LANGUAGES);
    const queue = pick(queues);
    const words = QUEUES[queue]?.[language] ?? [];
    const urgent = random() < 0.3;
    const parts = [pick(FILLER[language] ?? []), pick(words), pick(FILLER[language] ?? [])];
    if (random() < 0.5) parts.push(pick(words));
    // Some tickets also mention another queue's words: they are the hard, less certain ones.
    if (random() < 0.35) parts.splice(1, 0, pick(QUEUES[pick(queues)]?.[language] ?? []));
    if (urgent) parts.push(URGENT[language] ?? "");
    parts.push(pick(FILLER[language] ?? []));
    // Flip some labels: the text then says nothing about its label.
    const label = random() < noise ? pick(queues) : queue;
    const tags = [queue === "technical" ? "incident" : "request"];
    if (urgent) tags.push("escalate");
    out.push({
      text: parts.join(" ").replace(/^\w/, (c) => c.toUpperCase()),
      labels: { queue: label, priority: urgent ? "high" : "normal" },
      tags,
      language,
    });
  }
  return out;
}
