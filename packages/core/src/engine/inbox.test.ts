import assert from "node:assert/strict";
import { test } from "node:test";
import { createTicketInbox } from "./inbox.ts";

test("a repeated delivery (same event id) is a duplicate and queues nothing", () => {
  const inbox = createTicketInbox();
  assert.equal(inbox.push("zd", { ticketId: "1", eventId: "e1", kind: "created" }), "accepted");
  assert.equal(inbox.push("zd", { ticketId: "1", eventId: "e1", kind: "created" }), "duplicate");
  assert.deepEqual(inbox.take("zd", 10), ["1"]);
  assert.deepEqual(inbox.take("zd", 10), []);
});

test("events of one ticket fold into one queued id; systems are kept apart; take respects max and order", () => {
  const inbox = createTicketInbox();
  inbox.push("zd", { ticketId: "2", eventId: "a", kind: "created" });
  inbox.push("zd", { ticketId: "3", eventId: "b", kind: "created" });
  inbox.push("zd", { ticketId: "2", eventId: "c", kind: "updated" });
  inbox.push("other", { ticketId: "2", kind: "updated" });
  assert.equal(inbox.size(), 3);
  assert.deepEqual(inbox.take("zd", 1), ["2"]);
  assert.deepEqual(inbox.take("zd", 5), ["3"]);
  assert.deepEqual(inbox.take("other", 5), ["2"]);
});

test("the oldest queued id is dropped past the limit, and reported", () => {
  const dropped: string[] = [];
  const inbox = createTicketInbox({ maxQueued: 2, onDrop: (_s, id) => dropped.push(id) });
  for (const id of ["1", "2", "3"]) inbox.push("zd", { ticketId: id, kind: "created" });
  assert.deepEqual(dropped, ["1"]);
  assert.deepEqual(inbox.take("zd", 10), ["2", "3"]);
});
