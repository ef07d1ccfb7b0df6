/**
 * @module ticket-systems/services
 * The built-in ticket systems as services, so a config can name them:
 *
 * ```yaml
 * services:
 *   desk:
 *     use: core:JsonlTicketSystemService
 *     params: { path: ./tickets.jsonl, create_if_missing: true, queues: [{ name: Billing }] }
 * ```
 */
import { resolve } from "node:path";
import { z } from "zod";
import { defineService } from "../contracts/component.ts";
import { UnifiedEntitySchema, UnifiedTicketSchema } from "../contracts/ticket.ts";
import { createInMemoryTicketSystem } from "./in-memory.ts";
import { createJsonlTicketSystem } from "./jsonl.ts";

const FieldOptionSchema = z
  .object({ id: z.string(), name: z.string(), type: z.string(), options: z.array(z.string()).optional() })
  .strict();

// What the help desk accepts; a list left out (or empty) accepts anything.
const helpDeskParams = {
  queues: z.array(UnifiedEntitySchema).optional(),
  priorities: z.array(UnifiedEntitySchema).optional(),
  types: z.array(z.string()).optional(),
  statuses: z.array(z.string()).optional(),
  fields: z.array(FieldOptionSchema).optional(),
};

/**
 * A help desk held in memory, seeded from the config. Changes are lost when the process ends.
 *
 * @example
 * const system = await InMemoryTicketSystemService.create(
 *   InMemoryTicketSystemService.params.parse({ tickets: [{ id: 1, subject: "Hallo" }] }),
 *   context,
 * );
 */
export const InMemoryTicketSystemService = defineService({
  kind: "ticket-system",
  name: "InMemoryTicketSystemService",
  description: "A help desk held in memory, seeded from the config; for demos, dry runs and tests.",
  params: z.object({ tickets: z.array(UnifiedTicketSchema).default([]), ...helpDeskParams }).strict(),
  create: ({ tickets, ...options }) => createInMemoryTicketSystem(tickets, options),
});

/**
 * A help desk in a JSONL file, one ticket per line; a relative `path` is relative to the config file.
 *
 * @example
 * const system = await JsonlTicketSystemService.create(
 *   JsonlTicketSystemService.params.parse({ path: "tickets.jsonl", create_if_missing: true }),
 *   { ...context, baseDir: "/etc/otai" }, // reads /etc/otai/tickets.jsonl
 * );
 */
export const JsonlTicketSystemService = defineService({
  kind: "ticket-system",
  name: "JsonlTicketSystemService",
  description: "A help desk in a JSONL file, one unified ticket per line, rewritten atomically.",
  params: z
    .object({ path: z.string().min(1), create_if_missing: z.boolean().default(false), ...helpDeskParams })
    .strict(),
  create: ({ path, ...options }, context) =>
    createJsonlTicketSystem({ ...options, path: resolve(context.baseDir, path) }),
});
