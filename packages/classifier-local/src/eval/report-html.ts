/**
 * @module eval/report-html
 * `otai eval --report`: one self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched)
 * to send to the person who decides whether the model may route tickets on its own.
 */
import type { CurvePoint } from "./coverage.ts";
import { escapeHtml } from "./html-escape.ts";
import type { EvalReport } from "./metrics.ts";
import type { Reliability } from "./reliability.ts";
import { precisionCoverageSvg, reliabilitySvg } from "./report-charts.ts";
import { cardsHtml, num, pct, reportPage } from "./report-page.ts";

export interface EvalReportHtmlOptions {
  title: string;
  modelId: string;
  dataFile: string;
  /** The head evaluated, shown under the title. */
  head?: string;
  reliability?: Reliability;
  /** A finer precision/coverage curve (see `precisionCoverageCurve`); otherwise the threshold table is drawn. */
  curve?: readonly CurvePoint[];
  /** The threshold reaching 95% precision, marked on the curve. */
  thresholdAt95?: number | null;
}

function cards(report: EvalReport, options: EvalReportHtmlOptions): string {
  const items: [string, string][] = [
    [String(report.n), "examples"],
    [pct(report.accuracy), "accuracy"],
    [num(report.macro_f1), "macro-F1"],
    [pct(report.coverage_at_precision_95), "auto-applicable at 95% precision"],
  ];
  if (options.reliability) items.push([num(options.reliability.ece), "expected calibration error"]);
  return cardsHtml(items);
}

function perClassTable(report: EvalReport): string {
  const rows = Object.entries(report.per_class)
    .sort(([, a], [, b]) => b.support - a.support)
    .map(
      ([label, m]) =>
        `<tr><td>${escapeHtml(label)}</td><td>${num(m.precision)}</td><td>${num(m.recall)}</td><td>${num(m.f1)}</td><td>${m.support}</td></tr>`,
    )
    .join("");
  return `<table><thead><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr></thead><tbody>${rows}</tbody></table>`;
}

// Colour by the share of the gold row, so a small class's mistakes are as visible as a big one's.
function confusionTable(report: EvalReport): string {
  const { labels, matrix } = report.confusion;
  const head = labels.map((label) => `<th class="col">${escapeHtml(label)}</th>`).join("");
  const body = labels
    .map((gold, i) => {
      const row = matrix[i] ?? [];
      const total = row.reduce((sum, count) => sum + count, 0);
      const cells = row
        .map((count, j) => {
          const share = total === 0 ? 0 : count / total;
          const colour = i === j ? "22,163,74" : "220,38,38";
          const ink = share > 0.55 ? "#fff" : "#1f2937";
          const title = `${gold} → ${labels[j] ?? ""}: ${count} (${pct(share)} of ${gold})`;
          return `<td class="${i === j ? "diag" : ""}" style="background:rgba(${colour},${share.toFixed(3)});color:${ink}" title="${escapeHtml(title)}">${count}</td>`;
        })
        .join("");
      return `<tr><th>${escapeHtml(gold)}</th>${cells}<td>${total}</td></tr>`;
    })
    .join("");
  return `<div class="scroll"><table class="confusion"><thead><tr><th>gold ↓ / predicted →</th>${head}<th>total</th></tr></thead><tbody>${body}</tbody></table></div>`;
}

function thresholdTable(report: EvalReport): string {
  const rows = report.thresholds
    .map(
      (row) =>
        `<tr><td>${row.threshold.toFixed(2)}</td><td>${num(row.accuracy)}</td><td>${pct(row.coverage)}</td></tr>`,
    )
    .join("");
  return `<table><thead><tr><th>threshold</th><th>accuracy</th><th>coverage</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * Renders the evaluation report as a complete HTML document.
 *
 * @example
 * const html = renderEvalReportHtml(report, { title: "Queue model", modelId: model.meta.id, dataFile: "test.csv", reliability: reliability(gold, predictions) });
 * await writeFile("report.html", html);
 */
export function renderEvalReportHtml(report: EvalReport, options: EvalReportHtmlOptions): string {
  const curve =
    options.curve && options.curve.length > 0
      ? options.curve
      : [...report.thresholds].reverse().filter((row) => row.coverage > 0);
  const at95 = { coverage: report.coverage_at_precision_95, threshold: options.thresholdAt95 ?? null };
  const reliabilityFigure = options.reliability
    ? `<figure>${reliabilitySvg(options.reliability.bins)}<figcaption>Reliability: bars are the accuracy in each confidence bin; a calibrated model follows the dashed diagonal. ECE ${num(options.reliability.ece)}.</figcaption></figure>`
    : "";
  return reportPage(
    options.title,
    `model <code>${escapeHtml(options.modelId)}</code>${options.head === undefined ? "" : ` · head <code>${escapeHtml(options.head)}</code>`} · data <code>${escapeHtml(options.dataFile)}</code>`,
    `${cards(report, options)}
<h2>Precision and coverage</h2>
<div class="charts"><figure>${precisionCoverageSvg(curve, at95)}<figcaption>Taking the most confident predictions first: the accuracy of what would be applied automatically against the share of tickets it covers.</figcaption></figure>${reliabilityFigure}</div>
<h2>Thresholds</h2>
${thresholdTable(report)}
<h2>Per class</h2>
${perClassTable(report)}
<h2>Confusion matrix</h2>
<p class="meta">Rows are the true labels, columns the predicted ones; colour is the share of the row.</p>
${confusionTable(report)}`,
  );
}
