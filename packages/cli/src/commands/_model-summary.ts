/**
 * What a model file holds, as lines for a terminal: its heads with their training counts, tags,
 * languages and the held-out metrics recorded at training (`otai train` and `otai inspect`).
 */
import type { ModelMeta } from "otai-local";

/**
 * @example
 * io.out(describeModel(model.meta).join("\n"));
 */
export function describeModel(meta: ModelMeta): string[] {
  const lines: string[] = [];
  for (const head of meta.heads) {
    const counts = meta.training.perHead[head.name] ?? {};
    const labels = Object.entries(counts)
      .sort(([, a], [, b]) => b - a)
      .map(([label, count]) => `${label} ${count}`);
    lines.push(
      `  ${head.name}: ${head.labels.length} label${head.labels.length === 1 ? "" : "s"}: ${labels.join(", ")}`,
    );
  }
  if (meta.tags.length > 0) {
    const shown = meta.tags.slice(0, 12).join(", ");
    lines.push(`  tags: ${meta.tags.length}: ${shown}${meta.tags.length > 12 ? ", …" : ""}`);
  }
  const languages = Object.entries(meta.training.languages).sort(([, a], [, b]) => b - a);
  if (languages.length > 0)
    lines.push(`  languages: ${languages.map(([code, count]) => `${code} ${count}`).join(", ")}`);
  const metrics = Object.entries(meta.metrics);
  if (metrics.length > 0) {
    lines.push("held-out metrics:");
    for (const [name, value] of metrics) lines.push(`  ${name}: ${formatMetric(value)}`);
  }
  return lines;
}

// The model decides what it measures; numbers get three decimals, nested objects one level of keys.
function formatMetric(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(3);
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const parts = Object.entries(value).map(([key, inner]) =>
      typeof inner === "number" ? `${key} ${formatMetric(inner)}` : `${key} ${compact(inner)}`,
    );
    return parts.join(", ");
  }
  return compact(value);
}

function compact(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
