import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { deliverWebhook, signWebhook } from "./webhooks.ts";

describe("fake Zendesk: webhook delivery", () => {
  let server: Server;
  let url: string;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  before(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/zendesk`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("signs base64(HMAC-SHA256(secret, timestamp + body)) and sends Zendesk's headers", async () => {
    const payload = {
      type: "zen:event-type:ticket.created",
      detail: { id: "35436" },
      zendesk_event_version: "2022-11-06",
    };
    const response = await deliverWebhook({
      url,
      secret: "s3cret",
      payload,
      timestamp: "2025-06-10T12:00:00Z",
      webhookId: "01HW",
    });
    assert.equal(response.status, 200);
    const [delivery] = received;
    assert.ok(delivery);
    assert.equal(delivery.body, JSON.stringify(payload));
    const expected = createHmac("sha256", "s3cret").update(`2025-06-10T12:00:00Z${delivery.body}`).digest("base64");
    assert.equal(delivery.headers["x-zendesk-webhook-signature"], expected);
    assert.equal(delivery.headers["x-zendesk-webhook-signature-timestamp"], "2025-06-10T12:00:00Z");
    assert.equal(delivery.headers["x-zendesk-webhook-id"], "01HW");
    assert.equal(delivery.headers["content-type"], "application/json");
    assert.notEqual(signWebhook("other", "2025-06-10T12:00:00Z", delivery.body), expected);
  });
});
