import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { didYouMean } from "./did-you-mean.ts";
import { KNOWN_KEYS } from "./schema.ts";

describe("didYouMean", () => {
  it("suggests the closest key for a typo", () => {
    assert.equal(didYouMean("orchestrater", KNOWN_KEYS.root ?? []), "orchestrator");
    assert.equal(didYouMean("paramz", KNOWN_KEYS.component ?? []), "params");
    assert.equal(didYouMean("injetcs", KNOWN_KEYS.component ?? []), "injects");
    assert.equal(didYouMean("servics", KNOWN_KEYS.root ?? []), "services");
  });

  it("ignores case, '_' and '-'", () => {
    assert.equal(didYouMean("Services", ["services"]), "services");
    assert.equal(didYouMean("ticket-systems", ["ticket_systems"]), "ticket_systems");
    assert.equal(didYouMean("OPEN-TICKET-AI", ["open_ticket_ai", "otai", "cfg"]), "open_ticket_ai");
  });

  it("matches a bare name against prefixed ids, and returns the full id", () => {
    assert.equal(didYouMean("CompositPipe", ["base:CompositePipe", "base:ExpressionPipe"]), "base:CompositePipe");
    assert.equal(didYouMean("base:CompositPipe", ["base:CompositePipe", "base:ExpressionPipe"]), "base:CompositePipe");
  });

  it("picks the nearer of two candidates", () => {
    assert.equal(didYouMean("base:FetchTicket", ["base:FetchTicketsPipe", "base:FetchTicket2"]), "base:FetchTicket2");
  });

  it("says nothing when nothing is close, or there are no candidates", () => {
    assert.equal(didYouMean("xyz", ["orchestrator"]), undefined);
    assert.equal(didYouMean("zendesk:Foo", ["base:Foo"]), undefined);
    assert.equal(didYouMean("ab", ["xy"]), undefined);
    assert.equal(didYouMean("a", ["b"]), undefined);
    assert.equal(didYouMean("anything", []), undefined);
  });

  it("accepts any iterable of candidates", () => {
    assert.equal(didYouMean("desks", new Map([["desk", 1]]).keys()), "desk");
    assert.equal(didYouMean("desks", new Set(["desk", "renderer"])), "desk");
  });
});
