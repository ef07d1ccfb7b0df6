/**
 * @module eval/tag-report-html
 * `otai eval --tags … --report`: the tag head's report. A tag head has no confusion matrix (a ticket
 * carries any number of tags), so its picture is, per tag, how many true tags were found, how many
 * were missed and how many were given where they do not belong.
 */
import { escapeHtml } from "./html-escape.ts";
import { cardsHtml, num, pct, reportPage } from "./report-page.ts";
import type { TagEvalReport, TagMetrics } from "./tag-metrics.ts";

export interface TagReportHtmlOptions {
  title: string;
  modelId: string;
  dataFile: string;
  /** Tags in the data that the model never learned, with their ticket counts (they count as misses). */
  unlearned?: ReadonlyMap<string, number>;
}

/** The chart shows the most frequent tags; the table lists them all. */
export const CHART_TAGS = 40;

/** A tag's decisions: found (true positives), missed (false negatives) and extra (false positives). */
export interface TagOutcome {
  tag: string;
  found: number;
  missed: number;
  extra: number;
}

/**
 * Recovers the counts from a tag's metrics (recall is found / support, and precision found / predicted).
 *
 * @example
 * tagOutcome("vip", { precision: 0.5, recall: 1, f1: 0.667, support: 1, predicted: 2 }); // found 1, missed 0, extra 1
 */
export function tagOutcome(tag: string, metrics: TagMetrics): TagOutcome {
  const found = Math.round(metrics.recall * metrics.support);
  return { tag, found, missed: metrics.support - found, extra: metrics.predicted - found };
}

const LABEL_W = 170;
const BAR_W = 480;
const ROW_H = 18;
// Room after the longest bar for its "found/support +extra" label.
const TOTAL_W = 130;
const TOP = 8;

function shortName(tag: string): string {
  return tag.length > 26 ? `${tag.slice(0, 25)}…` : tag;
}

/** Horizontal bars, one per tag: found and missed make up its support, extra follows. */
function outcomeSvg(outcomes: readonly TagOutcome[]): string {
  const widest = Math.max(1, ...outcomes.map((o) => o.found + o.missed + o.extra));
  const scale = BAR_W / widest;
  const height = TOP + outcomes.length * ROW_H + 8;
  const rows = outcomes.map((o, i) => {
    const y = TOP + i * ROW_H;
    const parts: string[] = [];
    let x = LABEL_W;
    for (const [count, kind] of [
      [o.found, "found"],
      [o.missed, "missed"],
      [o.extra, "extra"],
    ] as const) {
      if (count === 0) continue;
      const w = count * scale;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="${ROW_H - 5}" class="${kind}"><title>${escapeHtml(`${o.tag}: ${count} ${kind}`)}</title></rect>`,
      );
      x += w;
    }
    const label = `<text x="${LABEL_W - 6}" y="${y + ROW_H / 2 + 1}" text-anchor="end" dominant-baseline="middle"><title>${escapeHtml(o.tag)}</title>${escapeHtml(shortName(o.tag))}</text>`;
    const total = `<text x="${(x + 4).toFixed(1)}" y="${y + ROW_H / 2 + 1}" dominant-baseline="middle">${o.found}/${o.found + o.missed}${o.extra > 0 ? ` +${o.extra}` : ""}</text>`;
    return label + parts.join("") + total;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL_W + BAR_W + TOTAL_W}" height="${height}" role="img" aria-label="found, missed and extra tags per tag">${rows.join("")}</svg>`;
}

function perTagTable(outcomes: readonly TagOutcome[], perTag: TagEvalReport["per_tag"]): string {
  const rows = outcomes
    .map((o) => {
      const m = perTag[o.tag] as TagMetrics;
      return `<tr><td>${escapeHtml(o.tag)}</td><td>${num(m.precision)}</td><td>${num(m.recall)}</td><td>${num(m.f1)}</td><td>${m.support}</td><td>${m.predicted}</td><td>${o.found}</td><td>${o.missed}</td><td>${o.extra}</td></tr>`;
    })
    .join("");
  return `<table><thead><tr><th>tag</th><th>precision</th><th>recall</th><th>F1</th><th>support</th><th>predicted</th><th>found</th><th>missed</th><th>extra</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function unlearnedSection(unlearned: ReadonlyMap<string, number> | undefined): string {
  if (!unlearned || unlearned.size === 0) return "";
  const items = [...unlearned]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([tag, count]) => `<tr><td>${escapeHtml(tag)}</td><td>${count}</td></tr>`)
    .join("");
  return `<h2>Tags the model never learned</h2>
<p class="meta">They were absent from training or below its minimum tag count, so every one is a miss. Train on data that has them, or leave them out of the evaluation.</p>
<table><thead><tr><th>tag</th><th>tickets</th></tr></thead><tbody>${items}</tbody></table>`;
}

/**
 * Renders the tag head's evaluation as a complete HTML document (inline CSS and SVG, no script).
 *
 * @example
 * const html = renderTagReportHtml(evaluateTags(gold, predicted), { title: "Tags", modelId: model.meta.id, dataFile: "test.csv" });
 * await writeFile("tags.html", html);
 */
export function renderTagReportHtml(report: TagEvalReport, options: TagReportHtmlOptions): string {
  const outcomes = Object.entries(report.per_tag)
    .map(([tag, metrics]) => tagOutcome(tag, metrics))
    .sort((a, b) => b.found + b.missed - (a.found + a.missed) || a.tag.localeCompare(b.tag));
  const charted = outcomes.slice(0, CHART_TAGS);
  const more =
    outcomes.length > charted.length
      ? ` The ${charted.length} most frequent of ${outcomes.length} tags are drawn.`
      : "";
  const cards = cardsHtml([
    [String(report.n), "tickets"],
    [num(report.micro_f1), "micro-F1"],
    [num(report.micro_precision), "micro precision"],
    [num(report.micro_recall), "micro recall"],
    [num(report.macro_f1), "macro-F1 over tags"],
    [pct(report.subset_accuracy), "exact tag sets"],
    [
      `${report.mean_gold_tags.toFixed(2)} / ${report.mean_predicted_tags.toFixed(2)}`,
      "tags per ticket, true / predicted",
    ],
  ]);
  return reportPage(
    options.title,
    `model <code>${escapeHtml(options.modelId)}</code> · tag head · data <code>${escapeHtml(options.dataFile)}</code>`,
    `${cards}
<h2>Found, missed and extra</h2>
<p class="meta legend">Per tag, by how many tickets carry it:<span style="background:#16a34a"></span>found<span style="background:#f87171"></span>missed<span style="background:#fbbf24"></span>given but not true. Green and red together are the tag's tickets.${more}</p>
<div class="scroll">${outcomeSvg(charted)}</div>
<h2>Per tag</h2>
${perTagTable(outcomes, report.per_tag)}
${unlearnedSection(options.unlearned)}`,
  );
}
