/**
 * A tiny labelled help desk, generated: short EN/DE tickets in three queues with a priority and tags,
 * so train → eval → classify can run end to end in well under a second of training.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export interface SyntheticTicket {
  subject: string;
  body: string;
  queue: string;
  priority: string;
  tags: string[];
}

const TOPICS: Record<string, { en: string[]; de: string[]; tag: string }> = {
  Billing: {
    en: ["invoice is wrong", "refund for my payment", "charged twice on my invoice", "payment failed on the invoice"],
    de: [
      "Rechnung ist falsch",
      "Erstattung meiner Zahlung",
      "doppelt abgebucht auf der Rechnung",
      "Zahlung der Rechnung fehlgeschlagen",
    ],
    tag: "invoice",
  },
  IT: {
    en: ["vpn is down", "password reset for my laptop", "printer does not print", "laptop cannot connect to vpn"],
    de: [
      "VPN geht nicht",
      "Passwort für meinen Laptop zurücksetzen",
      "Drucker druckt nicht",
      "Laptop verbindet nicht mit dem VPN",
    ],
    tag: "hardware",
  },
  Sales: {
    en: ["quote for a licence", "pricing for a demo", "need a quote for more licences", "book a demo and pricing"],
    de: ["Angebot für eine Lizenz", "Preise für eine Demo", "Angebot für weitere Lizenzen", "Demo und Preise anfragen"],
    tag: "lead",
  },
};

/** Tickets for training (`part` 0) or evaluation (`part` 1): the same topics, different openers. */
export function syntheticTickets(part: 0 | 1 = 0): SyntheticTicket[] {
  const openers =
    part === 0
      ? [
          ["Hello,", "Hallo,"],
          ["Hi team,", "Guten Tag,"],
        ]
      : [["Dear support,", "Liebes Team,"]];
  const tickets: SyntheticTicket[] = [];
  for (const [queue, topic] of Object.entries(TOPICS)) {
    topic.en.forEach((phrase, i) => {
      for (const [en, de] of openers) {
        const urgent = i % 2 === 0;
        tickets.push({
          subject: phrase,
          body: `${en} ${phrase}${urgent ? ", urgent please" : ", no rush"}`,
          queue,
          priority: urgent ? "high" : "low",
          tags: urgent ? [topic.tag, "vip"] : [topic.tag],
        });
        const german = topic.de[i] ?? phrase;
        tickets.push({
          subject: german,
          body: `${de} ${german}${urgent ? ", bitte dringend" : ", nicht eilig"}`,
          queue,
          priority: urgent ? "high" : "low",
          tags: [topic.tag],
        });
      }
    });
  }
  return tickets;
}

const csvField = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Writes tickets as CSV (tags in tag_1, tag_2) and returns the path. */
export function writeCsv(dir: string, name: string, tickets: readonly SyntheticTicket[]): string {
  const rows = tickets.map((t) =>
    [t.subject, t.body, t.queue, t.priority, t.tags[0] ?? "", t.tags[1] ?? ""].map(csvField).join(","),
  );
  const path = join(dir, name);
  writeFileSync(path, `subject,body,queue,priority,tag_1,tag_2\n${rows.join("\n")}\n`);
  return path;
}

/** Writes tickets as JSONL with nested `queue.name` and `priority.name` and returns the path. */
export function writeJsonl(dir: string, name: string, tickets: readonly SyntheticTicket[]): string {
  const lines = tickets.map((t) =>
    JSON.stringify({
      subject: t.subject,
      body: t.body,
      queue: { name: t.queue },
      priority: { name: t.priority },
      tags: t.tags,
    }),
  );
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}
