/**
 * Writes tickets.jsonl (a JSONL help desk) from the demo's sample (../demo/tickets.json): the solved and
 * closed tickets keep their final queue, priority and type; the new ones wait in "Incoming".
 * Run: node examples/local-model/from-demo.ts
 */
import { readFileSync, writeFileSync } from "node:fs";

interface SeedTicket {
  id: number;
  subject: string;
  status: string;
  group_id: number;
  priority?: string;
  type?: string;
  tags?: string[];
  created_at: string;
  updated_at: string;
  comments: { body: string }[];
}
const seed = JSON.parse(readFileSync(new URL("../demo/tickets.json", import.meta.url), "utf8")) as {
  groups: { id: number; name: string }[];
  tickets: SeedTicket[];
};
const group = new Map(seed.groups.map((g) => [g.id, g.name]));
const lines = seed.tickets.map((t) =>
  JSON.stringify({
    id: String(t.id),
    subject: t.subject,
    body: t.comments[0]?.body ?? "",
    queue: { name: group.get(t.group_id) ?? "Incoming" },
    ...(t.priority ? { priority: { name: t.priority } } : {}),
    ...(t.type ? { type: t.type } : {}),
    status: t.status,
    tags: t.tags ?? [],
    created_at: t.created_at,
    updated_at: t.updated_at,
  }),
);
writeFileSync(new URL("tickets.jsonl", import.meta.url), `${lines.join("\n")}\n`);
console.log(`wrote ${lines.length} tickets`);
