import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateTags } from "./tag-metrics.ts";
import { CHART_TAGS, renderTagReportHtml, tagOutcome } from "./tag-report-html.ts";

const evil = `<img onerror="x">`;
// Gold pairs: invoice ×2, vip ×2, evil ×1; predicted: invoice ×2 (right), vip ×1 (right), evil ×1 (wrong ticket).
const gold = [["invoice", "vip"], ["invoice"], [evil], ["vip"]];
const predicted = [["invoice", "vip"], ["invoice", evil], [], []];

describe("renderTagReportHtml", () => {
  const report = evaluateTags(gold, predicted);
  const html = renderTagReportHtml(report, {
    title: "Tags <of> support",
    modelId: "m-1",
    dataFile: "held'out.csv",
    unlearned: new Map([["legal & co", 3]]),
  });

  it("recovers found, missed and extra from a tag's metrics", () => {
    assert.deepEqual(tagOutcome("vip", report.per_tag.vip ?? assert.fail()), {
      tag: "vip",
      found: 1,
      missed: 1,
      extra: 0,
    });
    assert.deepEqual(tagOutcome(evil, report.per_tag[evil] ?? assert.fail()), {
      tag: evil,
      found: 0,
      missed: 1,
      extra: 1,
    });
  });

  it("escapes tags, the title and the file name, and loads nothing from elsewhere", () => {
    assert.ok(!html.includes("<img"), "no raw markup from a tag");
    assert.ok(html.includes("&lt;img onerror=&quot;x&quot;&gt;"));
    assert.ok(html.includes("Tags &lt;of&gt; support"));
    assert.ok(html.includes("held&#39;out.csv"));
    assert.ok(html.includes("legal &amp; co"));
    assert.ok(!/\b(src|href)=/.test(html));
    assert.deepEqual([...new Set(html.match(/https?:\/\/[^"\s]+/g) ?? [])], ["http://www.w3.org/2000/svg"]);
  });

  it("draws one bar row per tag and lists every tag with its counts", () => {
    assert.equal((html.match(/<svg /g) ?? []).length, 1);
    // invoice: 2 found; vip: 1 found, 1 missed; evil: 1 missed, 1 extra.
    assert.equal((html.match(/class="found"/g) ?? []).length, 2);
    assert.equal((html.match(/class="missed"/g) ?? []).length, 2);
    assert.equal((html.match(/class="extra"/g) ?? []).length, 1);
    assert.match(
      html,
      /<tr><td>vip<\/td><td>1\.000<\/td><td>0\.500<\/td><td>0\.667<\/td><td>2<\/td><td>1<\/td><td>1<\/td><td>1<\/td><td>0<\/td><\/tr>/,
    );
    // 3 of 4 predicted pairs are right, 3 of 5 true pairs found: F1 = 2 · 0.75 · 0.6 / 1.35.
    assert.match(html, /<b>0\.667<\/b><span>micro-F1<\/span>/);
    assert.match(html, /Tags the model never learned.*<td>legal &amp; co<\/td><td>3<\/td>/s);
  });

  it("charts the most frequent tags when there are many, and leaves out the unlearned section when empty", () => {
    const many = Array.from({ length: CHART_TAGS + 5 }, (_, i) => [`tag${i}`]);
    const big = renderTagReportHtml(evaluateTags(many, many), { title: "t", modelId: "m", dataFile: "d" });
    assert.equal((big.match(/class="found"/g) ?? []).length, CHART_TAGS);
    assert.ok(big.includes(`The ${CHART_TAGS} most frequent of ${CHART_TAGS + 5} tags are drawn.`));
    assert.equal((big.match(/<tr><td>tag/g) ?? []).length, CHART_TAGS + 5);
    assert.ok(!big.includes("never learned"));
  });
});
