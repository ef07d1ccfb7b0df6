/**
 * @module plugins/versions
 * Version ranges. OTAI configs write PEP 440 specifiers (`>=1.0.0`, `~=1.4`, `==1.*`, `>=1,!=1.5`);
 * npm uses semver ranges. Both are accepted.
 */
import semver from "semver";

const PEP440 = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*([0-9][0-9A-Za-z.*+-]*)\s*$/;

function full(version: string): string | undefined {
  return semver.coerce(version)?.version;
}

// One PEP 440 clause as a predicate, or undefined when it cannot be read.
function clause(text: string): ((version: string) => boolean) | undefined {
  const match = PEP440.exec(text);
  if (!match) return undefined;
  const [, op, raw = ""] = match;
  if (raw.endsWith(".*")) {
    if (op !== "==" && op !== "!=") return undefined;
    const range = `${raw.slice(0, -2)}.x`;
    if (!semver.validRange(range)) return undefined;
    return op === "==" ? (v) => semver.satisfies(v, range) : (v) => !semver.satisfies(v, range);
  }
  const target = full(raw);
  if (!target) return undefined;
  switch (op) {
    case "~=": {
      const parts = raw.split(".").map(Number);
      if (parts.length < 2) return undefined;
      // ~=1.4 means >=1.4, ==1.*; ~=1.4.2 means >=1.4.2, ==1.4.*
      const prefix = parts.slice(0, -1).join(".");
      return (v) => semver.gte(v, target) && semver.satisfies(v, `${prefix}.x`);
    }
    case "==":
    case "===":
      return (v) => semver.eq(v, target);
    case "!=":
      return (v) => !semver.eq(v, target);
    case "<=":
      return (v) => semver.lte(v, target);
    case ">=":
      return (v) => semver.gte(v, target);
    case "<":
      return (v) => semver.lt(v, target);
    default:
      return (v) => semver.gt(v, target);
  }
}

/**
 * Whether `version` satisfies `spec`, a PEP 440 specifier set or a semver range; undefined when the
 * spec cannot be read.
 *
 * @example
 * satisfiesSpec("1.4.2", "~=1.4"); // true
 * satisfiesSpec("1.5.0", ">=1.0,!=1.5.0"); // false
 * satisfiesSpec("1.2.0", "^1.0.0"); // true
 */
export function satisfiesSpec(version: string, spec: string): boolean | undefined {
  const actual = full(version);
  if (!actual) return undefined;
  const clauses = spec.split(",").map((part) => part.trim());
  const predicates = clauses.map(clause);
  if (clauses.length > 0 && clauses.every(Boolean) && predicates.every((p) => p !== undefined)) {
    return predicates.every((predicate) => predicate?.(actual));
  }
  // A comma or a PEP-only operator means PEP 440; an unreadable one must not be re-read as semver.
  if (spec.includes(",") || /^\s*(~=|===|==|!=)/.test(spec)) return undefined;
  const range = semver.validRange(spec);
  return range === null ? undefined : semver.satisfies(actual, range, { includePrerelease: true });
}
