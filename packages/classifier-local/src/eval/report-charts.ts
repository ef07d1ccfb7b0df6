/**
 * @module eval/report-charts
 * The inline SVG charts of the HTML report: precision against coverage, and the reliability diagram.
 * Plain SVG strings, so the report needs no script and opens offline.
 */
import type { CurvePoint } from "./coverage.ts";
import { escapeHtml } from "./html-escape.ts";
import type { ReliabilityBin } from "./reliability.ts";

const WIDTH = 460;
const HEIGHT = 300;
const M = { left: 48, right: 16, top: 16, bottom: 40 };
const PLOT_W = WIDTH - M.left - M.right;
const PLOT_H = HEIGHT - M.top - M.bottom;

const x = (value: number) => (M.left + value * PLOT_W).toFixed(1);
const y = (value: number, lo = 0) => (M.top + (1 - (value - lo) / (1 - lo)) * PLOT_H).toFixed(1);

function axes(xLabel: string, yLabel: string, yLo: number): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const yTicks = ticks.map((t) => yLo + t * (1 - yLo));
  return [
    `<rect x="${M.left}" y="${M.top}" width="${PLOT_W}" height="${PLOT_H}" class="plot"/>`,
    ...ticks.map(
      (t) =>
        `<line x1="${x(t)}" y1="${M.top + PLOT_H}" x2="${x(t)}" y2="${M.top + PLOT_H + 4}" class="axis"/><text x="${x(t)}" y="${M.top + PLOT_H + 16}" text-anchor="middle">${t.toFixed(2)}</text>`,
    ),
    ...yTicks.map(
      (t) =>
        `<line x1="${M.left - 4}" y1="${y(t, yLo)}" x2="${M.left + PLOT_W}" y2="${y(t, yLo)}" class="grid"/><text x="${M.left - 6}" y="${y(t, yLo)}" text-anchor="end" dominant-baseline="middle">${t.toFixed(2)}</text>`,
    ),
    `<text x="${M.left + PLOT_W / 2}" y="${HEIGHT - 6}" text-anchor="middle" class="label">${escapeHtml(xLabel)}</text>`,
    `<text transform="translate(12 ${M.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle" class="label">${escapeHtml(yLabel)}</text>`,
  ].join("");
}

/**
 * Accuracy (y) against coverage (x) as the threshold moves, with the 95% line and the chosen point.
 *
 * @example
 * const svg = precisionCoverageSvg(precisionCoverageCurve(gold, predictions), { coverage: 0.7, threshold: 0.8 });
 */
export function precisionCoverageSvg(
  curve: readonly CurvePoint[],
  at95: { coverage: number; threshold: number | null },
): string {
  const lowest = Math.min(1, ...curve.map((p) => p.accuracy));
  // Zoom in on the interesting part: most models stay well above 50% accuracy everywhere.
  const yLo = Math.max(0, Math.min(0.9, Math.floor((lowest - 0.05) * 10) / 10));
  const path = curve.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.coverage)},${y(p.accuracy, yLo)}`).join(" ");
  const dots = curve
    .filter((_, i) => curve.length <= 40 || i % Math.ceil(curve.length / 40) === 0)
    .map(
      (p) =>
        `<circle cx="${x(p.coverage)}" cy="${y(p.accuracy, yLo)}" r="2.5" class="dot"><title>threshold ${p.threshold.toFixed(3)}: accuracy ${p.accuracy.toFixed(3)}, coverage ${p.coverage.toFixed(3)}</title></circle>`,
    )
    .join("");
  const target =
    0.95 >= yLo
      ? `<line x1="${x(0)}" y1="${y(0.95, yLo)}" x2="${x(1)}" y2="${y(0.95, yLo)}" class="target"/><text x="${x(1)}" y="${Number(y(0.95, yLo)) - 4}" text-anchor="end" class="note">95% precision</text>`
      : "";
  const chosen =
    at95.threshold === null
      ? ""
      : `<line x1="${x(at95.coverage)}" y1="${M.top}" x2="${x(at95.coverage)}" y2="${M.top + PLOT_H}" class="chosen"><title>coverage ${at95.coverage.toFixed(3)} at threshold ${at95.threshold.toFixed(3)}</title></line>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="precision against coverage">${axes("coverage (share auto-applied)", "accuracy", yLo)}${target}${chosen}<path d="${path}" class="line"/>${dots}</svg>`;
}

/**
 * Bars of accuracy per confidence bin against the diagonal a perfectly calibrated model would follow.
 *
 * @example
 * const svg = reliabilitySvg(reliability(gold, predictions).bins);
 */
export function reliabilitySvg(bins: readonly ReliabilityBin[]): string {
  const bars = bins
    .filter((bin) => bin.count > 0)
    .map((bin) => {
      const top = y(bin.accuracy);
      const height = (Number(y(0)) - Number(top)).toFixed(1);
      const width = (Number(x(bin.hi)) - Number(x(bin.lo)) - 2).toFixed(1);
      return `<rect x="${(Number(x(bin.lo)) + 1).toFixed(1)}" y="${top}" width="${width}" height="${height}" class="bar"><title>${bin.lo.toFixed(2)}–${bin.hi.toFixed(2)}: ${bin.count} items, accuracy ${bin.accuracy.toFixed(3)}, mean confidence ${bin.confidence.toFixed(3)}</title></rect><circle cx="${x(bin.confidence)}" cy="${y(bin.confidence)}" r="2.5" class="dot"/>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="reliability diagram">${axes("confidence", "accuracy", 0)}${bars}<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" class="target"/></svg>`;
}
