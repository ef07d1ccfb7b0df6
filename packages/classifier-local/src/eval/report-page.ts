/**
 * @module eval/report-page
 * The page both HTML reports share (`otai eval --report` for a head, and for the tag head): one
 * self-contained document with inline CSS, and the summary cards at its top.
 */
import { escapeHtml } from "./html-escape.ts";

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2937;margin:2rem auto;max-width:1100px;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:2rem 0 .5rem}
.meta{color:#6b7280;margin:0 0 1.5rem}.meta code{color:#374151}
.cards{display:flex;flex-wrap:wrap;gap:.75rem}.card{border:1px solid #e5e7eb;border-radius:8px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.4rem}.card span{color:#6b7280;font-size:.85rem}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}th,td{padding:.3rem .6rem;border-bottom:1px solid #e5e7eb;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f9fafb;font-weight:600}
.confusion td{border:1px solid #fff;min-width:2.5rem;text-align:center}.confusion th.col{writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;vertical-align:bottom}
.confusion td.diag{outline:2px solid #1f2937;outline-offset:-2px}.scroll{overflow-x:auto}
.charts{display:flex;flex-wrap:wrap;gap:2rem}figure{margin:0}figcaption{color:#6b7280;font-size:.85rem;max-width:460px}
svg text{font-size:11px;fill:#4b5563}svg .label{font-size:12px;fill:#1f2937}svg .plot{fill:#fff;stroke:#d1d5db}
svg .grid{stroke:#eef0f3}svg .axis{stroke:#9ca3af}svg .line{fill:none;stroke:#2563eb;stroke-width:2}svg .dot{fill:#2563eb}
svg .target{stroke:#dc2626;stroke-dasharray:4 3}svg .note{fill:#dc2626}svg .chosen{stroke:#16a34a;stroke-dasharray:2 2}svg .bar{fill:#93c5fd}
svg .found{fill:#16a34a}svg .missed{fill:#f87171}svg .extra{fill:#fbbf24}.legend span{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin:0 .3rem 0 .8rem;vertical-align:-1px}
`;

export const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
export const num = (value: number) => value.toFixed(3);

/**
 * A row of summary cards, each a big value over its label (both escaped).
 *
 * @example
 * cardsHtml([["0.912", "micro-F1"], ["419", "tickets"]]);
 */
export function cardsHtml(items: readonly (readonly [value: string, label: string])[]): string {
  return `<div class="cards">${items.map(([value, label]) => `<div class="card"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`).join("")}</div>`;
}

/**
 * The complete document: `title` is escaped here; `metaHtml` and `bodyHtml` are markup whose data the
 * caller has escaped.
 *
 * @example
 * reportPage("Queue model", `model <code>${escapeHtml(id)}</code>`, sections);
 */
export function reportPage(title: string, metaHtml: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${metaHtml}</p>
${bodyHtml}
</body>
</html>
`;
}
