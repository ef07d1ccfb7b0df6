/**
 * @module plugins/versions
 * Version ranges. OTAI configs write PEP 440 specifiers (`>=1.0.0`, `~=1.4`, `==1.*`); npm uses semver.
 */
import semver from "semver";

/** Converts a PEP 440 specifier set to a semver range; semver ranges pass through. */
export function toSemverRange(spec: string): string | undefined {
  const parts = spec
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const compatible = /^~=\s*(\d+(?:\.\d+)*)$/.exec(part);
      if (compatible?.[1]) {
        const nums = compatible[1].split(".").map(Number);
        const upper = nums.length <= 2 ? `${(nums[0] ?? 0) + 1}.0.0` : `${nums[0]}.${(nums[1] ?? 0) + 1}.0`;
        return `>=${semver.coerce(compatible[1])?.version} <${upper}`;
      }
      const exact = /^===?\s*(.+)$/.exec(part);
      if (exact?.[1]) return exact[1].replace(/\.\*$/, ".x");
      const notEqual = /^!=\s*(.+)$/.exec(part);
      if (notEqual?.[1]) return `<${notEqual[1]} || >${notEqual[1]}`;
      return part;
    });
  const range = parts.join(" ") || "*";
  return semver.validRange(range) ?? undefined;
}

/** Whether `version` satisfies the PEP 440 or semver `spec`; undefined when the spec cannot be read. */
export function satisfiesSpec(version: string, spec: string): boolean | undefined {
  const range = toSemverRange(spec);
  if (range === undefined) return undefined;
  return semver.satisfies(version, range, { includePrerelease: true });
}
