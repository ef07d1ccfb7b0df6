/**
 * @module policy/tag-syntax
 * What a tag may look like. Help desks split tags on whitespace or commas (Zendesk does both), so a tag
 * holding either would silently become several tags or none.
 */

/** The longest tag the policy writes; Zendesk and Zammad both reject or cut longer ones. */
export const MAX_TAG_LENGTH = 80;

/**
 * Why `tag` is not a valid tag, or undefined when it is.
 *
 * @example
 * tagSyntaxProblem("billing"); // undefined
 * tagSyntaxProblem("two words"); // "it contains whitespace"
 */
export function tagSyntaxProblem(tag: string): string | undefined {
  if (tag.length === 0) return "it is empty";
  if (/\s/u.test(tag)) return "it contains whitespace";
  if (tag.includes(",")) return "it contains a comma";
  if (tag.length > MAX_TAG_LENGTH) return `it is longer than ${MAX_TAG_LENGTH} characters`;
  return undefined;
}
