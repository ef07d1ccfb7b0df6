/**
 * `npm run bench:zendesk`: fetch → classify → update → note on 2,000 tickets against the fake Zendesk,
 * with random 429s and 5xx errors injected, in two modes:
 * - per-ticket: one PUT per ticket that sets group, priority and tag and adds the note as its comment;
 * - bulk: update_many jobs of 100 tickets (notes are not part of bulk updates, so the marker is a tag).
 * It checks that every ticket was changed exactly once (by counting the bench's marker on each ticket
 * in the fake), and ends with one JSON line per mode.
 *
 * The fake's limit is 3,000 requests a minute, as 500 per 10-second window, so the run spans several
 * windows and the client's rate budget has to pace itself.
 */
import { createHttpClient, createSecretRegistry, isOtaiError, type TicketSystem, type UnifiedTicket } from "@otai/core";
import { type FakeZendesk, startFakeZendesk } from "@otai/testkit";
import { createKeywordClassifier } from "otai-keywords";
import { createZendeskTicketSystem } from "otai-zendesk";

const TICKETS = Number(process.env.BENCH_TICKETS ?? 2000);
const WINDOW_MS = 10_000;
const PER_WINDOW = 500; // 3,000 a minute
const CONCURRENCY = 16;
// Share of requests the fake fails at random, a quarter of them with 429 + Retry-After: 1 (which pauses
// every request for a second, as an account-wide limit must) and the rest with 500, 502 or 503.
const FAULT_RATE = Number(process.env.BENCH_FAULT_RATE ?? 0.005);
const EMAIL = "bench@example.test";
const TOKEN = "bench-token-0000";
const json = process.argv.includes("--json");

const GROUPS = ["Incoming", "Billing", "Technical Support", "Sales", "Triage"];
const TEXTS: [string, string][] = [
  ["Refund for a double charge", "My card was charged twice for the invoice, please refund one payment."],
  ["VPN down since this morning", "Nobody can connect, the error says TLS handshake failed."],
  ["Pricing for 40 seats", "Could you send a quote for the Pro plan with a discount?"],
  ["Rechnung falsch", "Die Rechnung hat die alte Adresse, bitte korrigieren."],
  ["Passwort vergessen", "Der Link zum Zurücksetzen kommt nicht an, dringend."],
  ["Hello", "Just wanted to say thanks."],
];

const classifier = createKeywordClassifier({
  models: {
    queue: {
      default_label: "Triage",
      labels: {
        Billing: ["invoice", "refund", "charged", "rechnung", "payment"],
        "Technical Support": ["vpn", "error", "passwort", "password", "login"],
        Sales: ["pricing", "quote", "plan", "discount"],
      },
    },
    priority: { labels: { urgent: ["down", "nobody can", "dringend"], low: ["thanks", "question"] } },
  },
});

function seed(fake: FakeZendesk) {
  fake.seed({
    groups: GROUPS.map((name, i) => ({ id: i + 1, name })),
    tickets: Array.from({ length: TICKETS }, (_, i) => {
      const [subject, body] = (TEXTS[i % TEXTS.length] ?? ["", ""]) as [string, string];
      return {
        id: i + 1,
        subject: `${subject} #${i + 1}`,
        status: "new" as const,
        group_id: 1,
        comments: [{ body, public: true }],
      };
    }),
  });
}

async function decide(tickets: UnifiedTicket[]) {
  const texts = tickets.map((t) => `${t.subject} ${t.body}`);
  const queues = await classifier.classify(texts.map((text) => ({ text, model_name: "queue" })));
  const priorities = await classifier.classify(texts.map((text) => ({ text, model_name: "priority" })));
  return tickets.map((ticket, i) => ({
    ticket,
    queue: (queues[i]?.confidence ?? 0) >= 0.5 ? (queues[i]?.label ?? "Triage") : "Triage",
    priority: (priorities[i]?.confidence ?? 0) >= 0.5 ? (priorities[i]?.label ?? "normal") : "normal",
  }));
}

async function fetchAll(system: TicketSystem): Promise<UnifiedTicket[]> {
  const all: UnifiedTicket[] = [];
  let cursor: string | undefined;
  do {
    const page = await system.find({
      queue: { name: "Incoming" },
      status: "new",
      limit: 1000,
      offset: 0,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...page.tickets);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}

const MARKER = "otai_bench";

async function perTicket(system: TicketSystem, decisions: Awaited<ReturnType<typeof decide>>) {
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < decisions.length) {
      const decision = decisions[next++];
      if (!decision) return;
      let version = decision.ticket.updated_at ?? undefined;
      for (let attempt = 0; ; attempt++) {
        try {
          await system.update(
            decision.ticket.id,
            {
              queue: { name: decision.queue },
              priority: { name: decision.priority },
              add_tags: [MARKER],
              notes: [
                {
                  subject: "",
                  body: `Routed to ${decision.queue} by Open Ticket AI [${MARKER}]`,
                  content_type: "text/plain",
                  internal: true,
                },
              ],
            },
            version === undefined ? {} : { expectedVersion: version },
          );
          break;
        } catch (error) {
          if (isOtaiError(error, "OTAI_HELPDESK_CONFLICT") && attempt < 3) {
            // A write whose answer was lost may have landed: count it done when the marker is there,
            // so a retry never writes twice.
            const now = await system.get(decision.ticket.id);
            if (now?.tags.includes(MARKER)) break;
            version = now?.updated_at ?? undefined;
            continue;
          }
          failed++;
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failed;
}

async function bulk(system: TicketSystem, decisions: Awaited<ReturnType<typeof decide>>) {
  const results =
    (await system.updateMany?.(
      decisions.map((d) => ({
        id: d.ticket.id,
        changes: { queue: { name: d.queue }, priority: { name: d.priority }, add_tags: [MARKER] },
        ...(d.ticket.updated_at ? { expectedVersion: d.ticket.updated_at } : {}),
      })),
    )) ?? [];
  let failed = 0;
  for (const result of results.filter((r) => !r.ok)) {
    const now = await system.get(result.id);
    if (!now?.tags.includes(MARKER)) failed++;
  }
  return failed;
}

async function run(mode: "per-ticket" | "bulk") {
  const fake = await startFakeZendesk({
    credentials: { email: EMAIL, apiToken: TOKEN },
    rateLimits: {
      perMinute: PER_WINDOW,
      updateTicketPerMinute: PER_WINDOW,
      searchExportPerMinute: PER_WINDOW,
      windowMs: WINDOW_MS,
    },
  });
  seed(fake);
  fake.faults.random({
    rate: FAULT_RATE,
    seed: 42,
    faults: [
      { kind: "status", status: 503 },
      { kind: "status", status: 500 },
      { kind: "status", status: 502 },
      { kind: "rateLimit", retryAfterSeconds: 1 },
    ],
  });
  const http = createHttpClient({
    baseUrl: `${fake.url}/api/v2`,
    name: "Zendesk",
    auth: () => `Basic ${Buffer.from(`${EMAIL}/token:${TOKEN}`).toString("base64")}`,
    secrets: createSecretRegistry(),
    retries: { max: 6, baseDelayMs: 50, maxDelayMs: 2000 },
    rateLimit: { windowMs: WINDOW_MS },
    connections: CONCURRENCY,
  });
  const system = createZendeskTicketSystem(http, { jobPollMs: 200 });
  const started = performance.now();
  const tickets = await fetchAll(system);
  const decisions = await decide(tickets);
  const failed = mode === "bulk" ? await bulk(system, decisions) : await perTicket(system, decisions);
  const wallMs = performance.now() - started;
  await system.close?.();
  const requests = fake.requests.length;
  let once = 0;
  let duplicated = 0;
  let lost = 0;
  for (const ticket of fake.tickets()) {
    const marks =
      mode === "bulk"
        ? ticket.tags?.includes(MARKER)
          ? 1
          : 0
        : fake.comments(ticket.id).filter((c) => c.body?.includes(MARKER)).length;
    if (marks === 1) once++;
    else if (marks > 1) duplicated++;
    else lost++;
  }
  const capacity = (PER_WINDOW * wallMs) / WINDOW_MS;
  await fake.close();
  return {
    mode,
    tickets: TICKETS,
    updated_once: once,
    lost,
    duplicated,
    failed,
    requests,
    requests_per_ticket: Number((requests / TICKETS).toFixed(3)),
    limit_use: Number((requests / capacity).toFixed(3)),
    wall_s: Number((wallMs / 1000).toFixed(2)),
    faults_429: fake.requests.filter((r) => r.status === 429).length,
    faults_5xx: fake.requests.filter((r) => r.status >= 500).length,
  };
}

const results = [];
for (const mode of ["per-ticket", "bulk"] as const) results.push(await run(mode));
if (!json) {
  console.log(
    `Zendesk adapter against the fake Zendesk: ${TICKETS} tickets, limit ${(PER_WINDOW * 60_000) / WINDOW_MS}/min, ${FAULT_RATE * 100}% of requests failed at random (429, 500, 502, 503)\n`,
  );
  console.table(results);
}
for (const result of results) console.log(JSON.stringify(result));
