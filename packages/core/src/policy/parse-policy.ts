/**
 * @module policy/parse-policy
 * Parses a policy outside a pipe's params (a policy file, a CLI check), with the same positioned,
 * all-at-once messages the config loader gives.
 */
import { type ConfigIssue, formatIssue, issuesFromZod, type PathSegment } from "../config/issues.ts";
import { OtaiError } from "../errors.ts";
import { type Policy, PolicySchema } from "./schema.ts";

/**
 * Parses and normalises a policy; throws OTAI_POLICY_INVALID listing every problem with its path.
 *
 * @example
 * const policy = parsePolicy({ fields: { queue: { threshold: 0.8, fallback: "Unclassified" } } });
 * parsePolicy({ fields: { queue: { threshold: 2 } } }, ["policy"]);
 * // throws: "policy.fields.queue.threshold: must be between 0 and 1, got 2"
 */
export function parsePolicy(raw: unknown, rawPath: readonly PathSegment[] = []): Policy {
  const parsed = PolicySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = issuesFromZod(parsed.error, { raw, rawPath, schema: PolicySchema });
  throw new OtaiError(
    "OTAI_POLICY_INVALID",
    `the decision policy is invalid:\n${issues.map(describeIssue).join("\n")}`,
    {
      details: { issues },
    },
  );
}

// A policy built in code has no file positions; "<unknown location>" on every line would only be noise.
function describeIssue(issue: ConfigIssue): string {
  if (issue.position) return formatIssue(issue);
  return `  ${issue.path ? `${issue.path}: ` : ""}${issue.message}${issue.hint ? ` (${issue.hint})` : ""}`;
}
