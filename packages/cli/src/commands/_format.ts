/**
 * Number formats shared by the evaluation summaries.
 */

/** A share as a percentage with one decimal: 0.125 → "12.5%". */
export const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** A metric with three decimals: 0.5 → "0.500". */
export const num = (value: number): string => value.toFixed(3);

/** Per-label scores as the summaries show them. */
export interface LabelScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/**
 * The lowest-F1 labels that occur in the data (ties: more support first), as a small aligned table
 * headed `title`; empty when no label has support. `extra` adds integer columns after support.
 *
 * @example
 * lines.push(...weakestLabels("worst classes", report.per_class));
 */
export function weakestLabels<S extends LabelScores>(
  title: string,
  perLabel: Readonly<Record<string, S>>,
  extra: readonly { name: string; value: (scores: S) => number }[] = [],
  limit = 5,
): string[] {
  const weakest = Object.entries(perLabel)
    .filter(([, scores]) => scores.support > 0)
    .sort(([, a], [, b]) => a.f1 - b.f1 || b.support - a.support)
    .slice(0, limit);
  if (weakest.length === 0) return [];
  const columns = [
    { name: "precision", cell: (s: S) => num(s.precision) },
    { name: "recall", cell: (s: S) => num(s.recall) },
    { name: "F1", cell: (s: S) => num(s.f1) },
    { name: "support", cell: (s: S) => String(s.support) },
    ...extra.map((column) => ({ name: column.name, cell: (s: S) => String(column.value(s)) })),
  ].map((column) => ({ ...column, width: Math.max(column.name.length, 5) }));
  const width = Math.max(title.length, ...weakest.map(([label]) => label.length));
  const row = (first: string, cells: readonly string[]) =>
    `  ${first.padEnd(width)}  ${cells.map((cell, i) => cell.padStart(columns[i]?.width ?? 0)).join("  ")}`;
  return [
    "",
    row(
      title,
      columns.map((column) => column.name),
    ),
    ...weakest.map(([label, scores]) =>
      row(
        label,
        columns.map((column) => column.cell(scores)),
      ),
    ),
  ];
}
