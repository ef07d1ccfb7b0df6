/**
 * STAND-IN FOR TESTS ONLY, NOT AN ADAPTER. `fakeOtoboZnunyPlugin` registers a component with the id and
 * params of OTAI's Python `otai-otobo-znuny` plugin (`otobo-znuny:OTOBOZnunyTicketSystemService`), so
 * that configs written for OTAI can be loaded and validated in tests. It talks to no OTOBO or Znuny
 * server: `create()` returns an in-memory ticket system.
 */
import { createInMemoryTicketSystem, definePlugin, defineService, PLUGIN_API_VERSION } from "@otai/core";
import { z } from "zod";

/** The params of the Python `OTOBOZnunyTSServiceParams`, with the same defaults. */
export const FakeOtoboZnunyParamsSchema = z
  .object({
    base_url: z.string().min(1),
    // Python coerces numbers to str for the password.
    password: z.union([z.string(), z.number()]).transform(String),
    username: z.string().default("open_ticket_ai"),
    webservice_name: z.string().default("OpenTicketAI"),
    operation_urls: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** Stand-in: same id and params as the Python service, backed by an in-memory ticket system. */
export const FakeOTOBOZnunyTicketSystemService = defineService({
  kind: "ticket-system",
  name: "OTOBOZnunyTicketSystemService",
  description: "Stand-in for tests: OTAI's OTOBO/Znuny service id and params, backed by memory.",
  params: FakeOtoboZnunyParamsSchema,
  create: () => createInMemoryTicketSystem(),
});

/** Stand-in for the `otai-otobo-znuny` plugin package (tests only). */
export const fakeOtoboZnunyPlugin = definePlugin({
  name: "otai-otobo-znuny",
  version: "0.0.0-fake",
  prefix: "otobo-znuny",
  apiVersion: `^${PLUGIN_API_VERSION}`,
  description: "Stand-in for tests, not an adapter: no OTOBO/Znuny server is contacted.",
  setup(api) {
    api.register(FakeOTOBOZnunyTicketSystemService);
  },
});
