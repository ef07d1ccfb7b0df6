import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInMemoryTicketSystem, createJsonlTicketSystem } from "@otai/core";
import { PRIORITIES, QUEUES } from "../fixtures/tickets.ts";
import { runTicketSystemConformance } from "./ticket-system.ts";

runTicketSystemConformance("in-memory", async (seed) => ({ system: createInMemoryTicketSystem(seed) }));

runTicketSystemConformance("in-memory with configured options", async (seed) => ({
  system: createInMemoryTicketSystem(seed, {
    queues: Object.values(QUEUES),
    priorities: Object.values(PRIORITIES),
    statuses: ["new", "open", "pending", "closed"],
  }),
}));

runTicketSystemConformance("JSONL file in a temp dir", async (seed) => {
  const directory = await mkdtemp(join(tmpdir(), "otai-jsonl-conformance-"));
  const path = join(directory, "tickets.jsonl");
  await writeFile(path, `${seed.map((ticket) => JSON.stringify(ticket)).join("\n")}\n`);
  const system = createJsonlTicketSystem({ path });
  return {
    system,
    teardown: async () => {
      await system.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
});
