/**
 * @module policy/mapping
 * Model label → help-desk value, with glob wildcards: `*` is any run of characters (also none), `?` is
 * exactly one, and a backslash makes the next character literal (`\*`). Patterns are case-sensitive and
 * match the whole label. The first matching rule wins; a value may contain `$label`, replaced by the label.
 */

/** One rule of a mapping, in the order it was written. */
export interface MappingRule {
  pattern: string;
  value: string;
}

/** A mapping as the policy schema normalises it, or as written in YAML (an object keeps its key order). */
export type MappingInput = readonly MappingRule[] | Readonly<Record<string, string>>;

const compiled = new Map<string, RegExp>();

function globToRegExp(pattern: string): RegExp {
  let cached = compiled.get(pattern);
  if (cached) return cached;
  let source = "";
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    if (char === "\\" && i + 1 < chars.length) source += escapeRegExp(chars[++i] as string);
    else if (char === "*") source += "[\\s\\S]*";
    else if (char === "?") source += "[\\s\\S]";
    else source += escapeRegExp(char);
  }
  cached = new RegExp(`^${source}$`, "u");
  // Patterns come from the config, so the cache stays as small as the policies in it.
  compiled.set(pattern, cached);
  return cached;
}

function escapeRegExp(char: string): string {
  // With the `u` flag only syntax characters may be escaped; anything else is literal as it is.
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}

/** The rules of a mapping in order, whichever form it was given in. */
export function mappingRules(mapping: MappingInput): readonly MappingRule[] {
  return Array.isArray(mapping)
    ? (mapping as readonly MappingRule[])
    : Object.entries(mapping).map(([pattern, value]) => ({ pattern, value: String(value) }));
}

/** True when the glob `pattern` matches all of `label`. */
export function globMatches(pattern: string, label: string): boolean {
  return globToRegExp(pattern).test(label);
}

/**
 * The help-desk value for `label`: the first rule whose pattern matches, with `$label` replaced by the
 * label (taken literally, `$` and all); the label itself when there is no mapping; null when there is a
 * mapping and no rule matches, which the caller turns into its "no clear match" path, never a silent drop.
 *
 * @example
 * const mapping = { "Billing*": "Billing and Payments", "IT ?": "IT Support", "*": "$label" };
 * matchMapping(mapping, "Billing/Refunds"); // "Billing and Payments"
 * matchMapping(mapping, "IT 2"); // "IT Support"
 * matchMapping(mapping, "Sales"); // "Sales"
 * matchMapping({ "Billing*": "Billing" }, "Sales"); // null
 * matchMapping(undefined, "Sales"); // "Sales"
 */
export function matchMapping(mapping: MappingInput | null | undefined, label: string): string | null {
  if (mapping === null || mapping === undefined) return label;
  for (const rule of mappingRules(mapping)) {
    if (globMatches(rule.pattern, label)) return rule.value.replaceAll("$label", () => label);
  }
  return null;
}
