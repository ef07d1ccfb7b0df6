import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DurationSchema, parseDuration } from "./duration.ts";

describe("parseDuration (milliseconds), as pydantic's timedelta accepts durations", () => {
  const cases: [unknown, number][] = [
    ["PT5S", 5_000],
    ["PT0.5S", 500],
    ["PT0.01S", 10],
    ["PT2S", 2_000],
    ["PT1M30S", 90_000],
    ["PT1.5M", 90_000],
    ["P1DT2H", 26 * 3_600_000],
    ["P1W", 7 * 86_400_000],
    ["pt5s", 5_000],
    [" PT5S ", 5_000],
    ["0:01:00", 60_000],
    ["0:00:01", 1_000],
    ["0:00:00.5", 500],
    ["1:02:03", 3_723_000],
    ["1 day, 0:00:01", 86_401_000],
    ["2 days, 1:00:00", 2 * 86_400_000 + 3_600_000],
    [5, 5_000],
    [0, 0],
    [0.25, 250],
    ["5", 5_000],
    ["1.5", 1_500],
  ];
  for (const [input, ms] of cases) {
    it(`${JSON.stringify(input)} is ${ms} ms`, () => {
      assert.equal(parseDuration(input), ms);
    });
  }

  it("rejects what is not a duration", () => {
    for (const input of [
      "soon",
      "",
      "P",
      "PT",
      "5 s",
      "-PT5S",
      "1:2",
      "P1Y",
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      null,
      undefined,
      true,
      {},
      [],
    ]) {
      assert.equal(parseDuration(input), undefined, `${String(input)} should not parse`);
    }
  });
});

describe("DurationSchema", () => {
  it("parses to milliseconds", () => {
    assert.equal(DurationSchema.parse("PT5S"), 5_000);
    assert.equal(DurationSchema.parse(2), 2_000);
  });

  it("rejects an invalid duration with a message that shows the accepted forms and the value", () => {
    const result = DurationSchema.safeParse("soon");
    assert.equal(result.success, false);
    assert.equal(
      result.error?.issues[0]?.message,
      `expected a duration such as 'PT5S', '0:01:00' or a number of seconds, got "soon"`,
    );
  });

  it("rejects non-string, non-number input", () => {
    assert.equal(DurationSchema.safeParse(true).success, false);
    assert.equal(DurationSchema.safeParse({ seconds: 5 }).success, false);
  });
});
