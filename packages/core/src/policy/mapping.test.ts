import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { globMatches, matchMapping } from "./mapping.ts";

describe("matchMapping", () => {
  const mapping = {
    "Billing*": "Billing and Payments",
    "IT *": "IT Support",
    "HR?": "People",
    "*": "$label",
  };

  it("matches `*` against any run of characters, including none", () => {
    assert.equal(matchMapping(mapping, "Billing"), "Billing and Payments");
    assert.equal(matchMapping(mapping, "Billing/Refunds"), "Billing and Payments");
    assert.equal(matchMapping(mapping, "IT Hardware"), "IT Support");
    // "IT *" needs the space: "ITSec" falls through to the catch-all.
    assert.equal(matchMapping(mapping, "ITSec"), "ITSec");
  });

  it("matches `?` against exactly one character", () => {
    assert.equal(matchMapping(mapping, "HR1"), "People");
    assert.equal(matchMapping(mapping, "HR"), "HR");
    assert.equal(matchMapping(mapping, "HR12"), "HR12");
  });

  it("lets the first matching rule win, in the order written", () => {
    assert.equal(matchMapping({ "*": "Everything", "Billing*": "Billing" }, "Billing"), "Everything");
    assert.equal(
      matchMapping(
        [
          { pattern: "2", value: "second" },
          { pattern: "*", value: "rest" },
        ],
        "2",
      ),
      "second",
    );
  });

  it("replaces $label with the label, also inside a longer value, without interpreting `$` in the label", () => {
    assert.equal(matchMapping({ "*": "$label" }, "Sales"), "Sales");
    assert.equal(matchMapping({ "*": "Team $label" }, "Sales"), "Team Sales");
    assert.equal(matchMapping({ "*": "$label" }, "a$&b$1"), "a$&b$1");
  });

  it("is the identity without a mapping and null when a mapping has no matching rule", () => {
    assert.equal(matchMapping(undefined, "Sales"), "Sales");
    assert.equal(matchMapping(null, "Sales"), "Sales");
    assert.equal(matchMapping({ "Billing*": "Billing" }, "Sales"), null);
  });

  it("is case-sensitive and matches the whole label", () => {
    assert.equal(matchMapping({ "billing*": "Billing" }, "Billing"), null);
    assert.equal(matchMapping({ Billing: "B" }, "Billing extra"), null);
  });

  it("treats regular-expression characters literally and `\\` as an escape", () => {
    assert.equal(globMatches("IT (EU).+", "IT (EU).+"), true);
    assert.equal(globMatches("IT (EU).+", "IT (EU)x+"), false);
    assert.equal(globMatches("A\\*", "A*"), true);
    assert.equal(globMatches("A\\*", "AB"), false);
    assert.equal(globMatches("Sales::*", "Sales::EMEA::North"), true);
    assert.equal(globMatches("lang-??", "lang-de"), true);
    assert.equal(globMatches("a/b|c", "a/b|c"), true);
  });
});
