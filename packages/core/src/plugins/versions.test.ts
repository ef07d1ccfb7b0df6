import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { satisfiesSpec } from "./versions.ts";

describe("satisfiesSpec: PEP 440 specifiers (OTAI configs) and semver ranges (npm)", () => {
  const satisfied: [string, string][] = [
    ["1.0.0", ">=1.0.0"],
    ["1.0.0", "~=1.0"],
    ["1.9.3", "~=1.0"],
    ["1.4.2", "~=1.4.2"],
    ["1.4.9", "~=1.4.2"],
    ["1.0.0", "==1.*"],
    ["1.7.0", "==1.*"],
    ["1.2.0", "==1.2.*"],
    ["1.0.0", ">=1.0.0,<2"],
    ["1.0.0", ">=1.0.0, <2.0.0"],
    ["1.0.0", "== 1.0.0"],
    ["1.0.0", "===1.0.0"],
    ["1.0.0", ">= 1.0"],
    ["1.0.1", "!=1.0.0"],
    ["1.0.0", "^1.0.0"],
    ["1.0.0", "1.x"],
    ["1.0.0", ""],
  ];
  for (const [version, spec] of satisfied) {
    it(`${version} satisfies '${spec}'`, () => assert.equal(satisfiesSpec(version, spec), true));
  }

  const unsatisfied: [string, string][] = [
    ["1.0.0", ">=2.0.0"],
    ["2.0.0", "~=1.0"],
    ["1.5.0", "~=1.4.2"],
    ["2.0.0", "==1.*"],
    ["1.3.0", "==1.2.*"],
    ["2.0.0", ">=1.0.0,<2"],
    ["1.0.0", "!=1.0.0"],
    ["1.5.0", "<2.0,!=1.5.0"],
    ["2.0.0", "^1.0.0"],
  ];
  for (const [version, spec] of unsatisfied) {
    it(`${version} does not satisfy '${spec}'`, () => assert.equal(satisfiesSpec(version, spec), false));
  }

  it("an unreadable specifier is undefined, not false", () => {
    assert.equal(satisfiesSpec("1.0.0", "banana"), undefined);
    assert.equal(satisfiesSpec("1.0.0", ">=1.0,banana"), undefined);
    assert.equal(satisfiesSpec("1.0.0", "~=1"), undefined, "~= needs at least two release segments");
  });

  it("'==1.0' is exactly 1.0 (PEP 440 zero-pads), so 1.0.5 does not satisfy it", () => {
    assert.equal(satisfiesSpec("1.0.0", "==1.0"), true);
    assert.equal(satisfiesSpec("1.0.5", "==1.0"), false);
  });

  it("'!=' combined with other clauses keeps them: 3.0.0 does not satisfy '<2.0,!=1.5.0'", () => {
    assert.equal(satisfiesSpec("3.0.0", "<2.0,!=1.5.0"), false);
    assert.equal(satisfiesSpec("0.5.0", ">=1.0,!=1.5.0"), false);
  });
});
