/**
 * Fixed-width text tables for terminal summaries.
 */

/** `text` cut or padded to exactly `width` characters; a cut ends with "…". */
export function pad(text: string, width: number): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length > width ? `${oneLine.slice(0, width - 1)}…` : oneLine.padEnd(width);
}

/**
 * @example
 * renderTable(["id", "queue"], [["1", "Billing"]], [4, 20]);
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  widths: readonly number[],
): string {
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i] ?? cell.length))
      .join(" ")
      .trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join(" ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}
