import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createProgress, type ProgressSink } from "./_progress.ts";

function recordingSink(tty: boolean): ProgressSink & { raw: string[]; lines: string[] } {
  const raw: string[] = [];
  const lines: string[] = [];
  return { tty, raw, lines, write: (t) => raw.push(t), line: (t) => lines.push(t) };
}

describe("createProgress", () => {
  it("off a terminal, prints one plain line per stage and never redraws", () => {
    const sink = recordingSink(false);
    const progress = createProgress(sink);
    for (let done = 0; done <= 100; done += 10) progress.update({ stage: "features", done, total: 100 });
    progress.update({ stage: "fitting", done: 5, total: 5 });
    progress.finish();
    assert.deepEqual(sink.lines, ["features… (100)", "fitting… (5)"]);
    assert.deepEqual(sink.raw, []);
  });

  it("on a terminal, redraws one bar (throttled, always at the end) and clears it when finished", () => {
    const sink = recordingSink(true);
    let clock = 0;
    const progress = createProgress(sink, () => clock);
    progress.update({ stage: "fitting", done: 0, total: 4 });
    progress.update({ stage: "fitting", done: 1, total: 4 }); // within the redraw interval: skipped
    clock += 100;
    progress.update({ stage: "fitting", done: 2, total: 4 });
    progress.update({ stage: "fitting", done: 4, total: 4 }); // complete: always drawn
    progress.finish();
    assert.equal(sink.raw.length, 4);
    assert.equal(sink.raw[1], `\r\x1b[2Kfitting [${"█".repeat(12)}${"░".repeat(12)}]  50% 2/4`);
    assert.match(sink.raw[2] ?? "", /100% 4\/4$/);
    assert.equal(sink.raw[3], "\r\x1b[2K");
    assert.deepEqual(sink.lines, []);
  });
});
