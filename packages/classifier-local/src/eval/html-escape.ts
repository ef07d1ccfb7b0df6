/**
 * @module eval/html-escape
 * Labels and file names are data: everything put into the report goes through here.
 */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes text for HTML element content and quoted attribute values (also inside inline SVG).
 *
 * @example
 * escapeHtml('<b title="x">'); // "&lt;b title=&quot;x&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
