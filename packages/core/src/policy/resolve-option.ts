/**
 * @module policy/resolve-option
 * Checks a value against one of the help desk's live option lists. An exact match wins; otherwise a
 * match ignoring case is accepted when it is the only one, and the help desk's spelling is used.
 */

/** A value the help desk accepts (in its own spelling), or why it does not. */
export type Resolution =
  | { ok: true; value: string /** Said in the decision's reason, e.g. a match ignoring case. */; remark?: string }
  | { ok: false /** Completes "label 'X' maps to queue 'Y', …". */; why: string };

/**
 * Resolves `value` against `known`. An empty list is a help desk that lists nothing for it, so the value is
 * accepted unchecked and the remark says so (the same rule the built-in ticket systems follow).
 *
 * @example
 * resolveOption("billing", ["Billing", "IT"], "queues"); // { ok: true, value: "Billing", remark: "matched 'billing' to the help desk's 'Billing' ignoring case" }
 * resolveOption("Sales", ["Billing", "IT"], "queues"); // { ok: false, why: "which the help desk does not have" }
 */
export function resolveOption(value: string, known: readonly string[], plural: string): Resolution {
  if (known.length === 0) return { ok: true, value, remark: `not checked: the help desk lists no ${plural}` };
  if (known.includes(value)) return { ok: true, value };
  const lower = value.toLowerCase();
  const folded = [...new Set(known.filter((candidate) => candidate.toLowerCase() === lower))];
  if (folded.length === 1) {
    const [only] = folded as [string];
    return { ok: true, value: only, remark: `matched '${value}' to the help desk's '${only}' ignoring case` };
  }
  if (folded.length > 1) {
    return {
      ok: false,
      why: `which the help desk does not have (ignoring case it could be any of ${folded.map((v) => `'${v}'`).join(", ")})`,
    };
  }
  return { ok: false, why: "which the help desk does not have" };
}
