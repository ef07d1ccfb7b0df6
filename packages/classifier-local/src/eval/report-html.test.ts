import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { precisionCoverageCurve } from "./coverage.ts";
import { evaluatePredictions } from "./metrics.ts";
import { reliability } from "./reliability.ts";
import { renderEvalReportHtml } from "./report-html.ts";

const evil = `<script>alert("x")</script>`;
const gold = [evil, evil, "Billing & Co", "IT"];
const predicted = [
  { label: evil, confidence: 0.9 },
  { label: "IT", confidence: 0.6 },
  { label: "Billing & Co", confidence: 0.8 },
  { label: "IT", confidence: 0.99 },
];

describe("renderEvalReportHtml", () => {
  const report = evaluatePredictions(gold, predicted);
  const html = renderEvalReportHtml(report, {
    title: "Queue <model>",
    modelId: "m-1",
    dataFile: "data/'test'.csv",
    head: "queue",
    reliability: reliability(gold, predicted),
    curve: precisionCoverageCurve(gold, predicted),
  });

  it("escapes every label, the title and the file name", () => {
    assert.ok(!html.includes("<script"), "no raw script tag from a label");
    assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert.ok(html.includes("Billing &amp; Co"));
    assert.ok(html.includes("Queue &lt;model&gt;"));
    assert.ok(html.includes("data/&#39;test&#39;.csv"));
  });

  it("is self-contained: inline CSS and SVG, nothing loaded from elsewhere", () => {
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<style>/);
    assert.equal((html.match(/<svg /g) ?? []).length, 2, "precision/coverage chart and reliability diagram");
    assert.ok(!/\b(src|href)=/.test(html));
    const urls = html.match(/https?:\/\/[^"\s]+/g) ?? [];
    assert.deepEqual([...new Set(urls)], ["http://www.w3.org/2000/svg"]);
  });

  it("shows the numbers: summary, per-class rows and the confusion counts coloured by row share", () => {
    assert.ok(html.includes(">75.0%<"), "accuracy 3 of 4");
    // Gold evil row: 1 right (share 0.5, green), 1 predicted IT (share 0.5, red).
    assert.match(html, /background:rgba\(22,163,74,0\.500\)[^>]*>1</);
    assert.match(html, /background:rgba\(220,38,38,0\.500\)[^>]*>1</);
    assert.equal((html.match(/<tr><td>/g) ?? []).length, 10 + 3, "10 threshold rows and 3 classes");
  });

  it("renders without the optional parts", () => {
    const plain = renderEvalReportHtml(report, { title: "t", modelId: "m", dataFile: "d.csv" });
    assert.equal((plain.match(/<svg /g) ?? []).length, 1);
    assert.ok(!plain.includes("calibration error"));
  });
});
