import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { isOtaiError } from "@otai/core";
import { deliverWebhook } from "@otai/testkit";
import { parseZendeskWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyZendeskSignature } from "./webhook.ts";

const secret = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
const timestamp = "2026-11-30T10:00:00Z";
const body =
  '{"type":"zen:event-type:ticket.created","id":"01HX","subject":"zen:ticket:35436","detail":{"id":"35436"}}';
const sign = (ts: string, raw: string) =>
  createHmac("sha256", secret)
    .update(ts + raw)
    .digest("base64");
const now = () => Date.parse(timestamp) + 10_000;

describe("Zendesk webhook signature", () => {
  it("accepts a signature over timestamp + raw body", () => {
    assert.equal(
      verifyZendeskSignature({ secret, signature: sign(timestamp, body), timestamp, rawBody: body, now }),
      true,
    );
    assert.equal(
      verifyZendeskSignature({ secret, signature: sign(timestamp, body), timestamp, rawBody: Buffer.from(body), now }),
      true,
    );
  });

  it("rejects a changed body, timestamp, secret, or a missing header", () => {
    const signature = sign(timestamp, body);
    assert.equal(
      verifyZendeskSignature({ secret, signature, timestamp, rawBody: body.replace("35436", "35437"), now }),
      false,
    );
    assert.equal(
      verifyZendeskSignature({ secret, signature, timestamp: "2026-11-30T10:00:01Z", rawBody: body, now }),
      false,
    );
    assert.equal(verifyZendeskSignature({ secret: "other", signature, timestamp, rawBody: body, now }), false);
    assert.equal(verifyZendeskSignature({ secret, signature: undefined, timestamp, rawBody: body, now }), false);
    assert.equal(verifyZendeskSignature({ secret, signature: "not base64 !!", timestamp, rawBody: body, now }), false);
  });

  it("rejects an old timestamp (replay) unless the tolerance is off", () => {
    const old = "2026-11-30T09:00:00Z";
    const signature = sign(old, body);
    assert.equal(verifyZendeskSignature({ secret, signature, timestamp: old, rawBody: body, now }), false);
    assert.equal(
      verifyZendeskSignature({ secret, signature, timestamp: old, rawBody: body, now, toleranceSeconds: 0 }),
      true,
    );
  });
});

describe("Zendesk webhook payloads", () => {
  it("reads event-subscription ticket events: created, and any other ticket event as updated", () => {
    assert.deepEqual(parseZendeskWebhook(JSON.parse(body)), {
      kind: "created",
      ticketId: "35436",
      type: "zen:event-type:ticket.created",
      eventId: "01HX",
    });
    const changed = parseZendeskWebhook({
      type: "zen:event-type:ticket.status_changed",
      id: "e2",
      time: "2026-11-30T10:00:00Z",
      subject: "zen:ticket:7",
      detail: {},
    });
    assert.equal(changed.kind, "updated");
    assert.equal(changed.ticketId, "7");
    assert.equal(changed.time, "2026-11-30T10:00:00Z");
  });

  it("reads a trigger's JSON body", () => {
    assert.deepEqual(parseZendeskWebhook({ ticket_id: "42", event: "created" }), {
      kind: "created",
      ticketId: "42",
      type: "trigger",
    });
    assert.equal(parseZendeskWebhook({ ticket: { id: 43 } }).ticketId, "43");
    assert.equal(parseZendeskWebhook({ ticket_id: 44, event_id: "d-1" }).eventId, "d-1");
  });

  it("refuses what is not a ticket event, with a clear error", () => {
    for (const bad of [
      [],
      "x",
      { type: "zen:event-type:user.created", detail: { id: "1" } },
      { foo: 1 },
      { ticket_id: "abc" },
    ]) {
      assert.throws(
        () => parseZendeskWebhook(bad),
        (error: unknown) => isOtaiError(error, "OTAI_HELPDESK_INVALID"),
      );
    }
  });
});

describe("Zendesk webhook receiver against the test kit's signed deliveries (fake sender)", () => {
  it("accepts what the fake sender signs with the right secret and refuses the rest", async () => {
    const received: { ok: boolean; event?: unknown }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const rawBody = Buffer.concat(chunks);
        const ok = verifyZendeskSignature({
          secret: "receiver-secret",
          signature: req.headers[SIGNATURE_HEADER] as string | undefined,
          timestamp: req.headers[TIMESTAMP_HEADER] as string | undefined,
          rawBody,
        });
        received.push(ok ? { ok, event: parseZendeskWebhook(JSON.parse(rawBody.toString("utf8"))) } : { ok });
        res.writeHead(ok ? 200 : 401).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const payload = {
        type: "zen:event-type:ticket.created",
        id: "evt-1",
        subject: "zen:ticket:77",
        detail: { id: "77" },
      };
      const good = await deliverWebhook({
        url: `http://127.0.0.1:${port}/hooks/zendesk`,
        secret: "receiver-secret",
        payload,
      });
      const bad = await deliverWebhook({
        url: `http://127.0.0.1:${port}/hooks/zendesk`,
        secret: "someone-else",
        payload,
      });
      assert.equal(good.status, 200);
      assert.equal(bad.status, 401);
      assert.deepEqual(received[0], {
        ok: true,
        event: { kind: "created", ticketId: "77", type: "zen:event-type:ticket.created", eventId: "evt-1" },
      });
      assert.deepEqual(received[1], { ok: false });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
