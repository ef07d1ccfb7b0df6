/**
 * @module policy/decide-field
 * Decides one prediction for one field: its band, its mapped value, the check against the help desk's
 * options, and the fallback path when the value cannot be used. Never throws: a bad prediction or an
 * unusable fallback is a `failed` decision with its reason.
 *
 * A label that maps to nothing the help desk has takes the fallback path in every band, `suggest`
 * included: the model named something that cannot be used, which is the "no clear match" case, and
 * suggesting it to an agent would only pass the problem on.
 */
import type { FieldPrediction, Outcome, PlannedDecision } from "./decision.ts";
import { formatConfidence, formatPair, hasControlCharacters, show } from "./format.ts";
import { matchMapping } from "./mapping.ts";
import type { Resolution } from "./resolve-option.ts";
import type { Action, Band, FieldPolicy } from "./schema.ts";
import type { Target } from "./targets.ts";

/** One decision with what it adds to the note and the tags. */
export interface FieldResult {
  decision: PlannedDecision;
  /** The note line, for outcomes an agent should read about. */
  line?: string;
  /** The review tag to add, for a flagged decision. */
  flag?: string;
}

/** Where a confidence falls among the bands. */
export interface BandStep {
  action: Action;
  /** The min of the band it fell in, or the lowest min when it fell below all. */
  threshold: number;
  /** The min of the next band up (or the lowest one, when below all); null in the top band. */
  above: number | null;
  below: boolean;
}

/**
 * The band `confidence` falls in, checked from the highest `min` down (`bands` are sorted so).
 *
 * @example
 * const bands = [{ min: 0.92, action: "apply" }, { min: 0.75, action: "apply_and_flag" }] as const;
 * chooseBand(bands, 0.8, "fallback"); // { action: "apply_and_flag", threshold: 0.75, above: 0.92, below: false }
 * chooseBand(bands, 0.5, "skip"); // { action: "skip", threshold: 0.75, above: 0.75, below: true }
 */
export function chooseBand(bands: readonly Band[], confidence: number, below: Action): BandStep {
  for (const [index, band] of bands.entries()) {
    if (confidence >= band.min) {
      return { action: band.action, threshold: band.min, above: bands[index - 1]?.min ?? null, below: false };
    }
  }
  const lowest = bands[bands.length - 1]?.min ?? 0;
  return { action: below, threshold: lowest, above: lowest, below: true };
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return "missing";
  if (Array.isArray(value)) return "a list";
  return `a ${typeof value}`;
}

/**
 * Why `prediction` is not a usable model answer, or undefined when it is. String values are never
 * quoted: a broken classifier can hand back ticket text.
 */
export function predictionProblem(prediction: unknown): string | undefined {
  if (typeof prediction !== "object" || prediction === null || Array.isArray(prediction)) {
    return `expected { label, confidence }, got ${describe(prediction)}`;
  }
  const { label, confidence } = prediction as Record<string, unknown>;
  if (typeof label !== "string") return `label is ${describe(label)}, not a string`;
  if (label.trim() === "") return "label is empty";
  if (typeof confidence !== "number") return `confidence is ${describe(confidence)}, not a number`;
  if (Number.isNaN(confidence)) return "confidence is NaN";
  if (confidence < 0 || confidence > 1) return `confidence ${confidence} is outside [0, 1]`;
  return undefined;
}

/**
 * Decides one prediction (undefined when the model gave none) for `target` under `policy`.
 *
 * @example
 * const { decision } = decideField(builtInTarget("queue", ticket, options), policy.fields.queue, { label: "Billing", confidence: 0.9 });
 * decision.outcome; // "applied"
 */
export function decideField(target: Target, policy: FieldPolicy, prediction: unknown): FieldResult {
  const lowest = policy.bands[policy.bands.length - 1]?.min ?? null;
  const record = (
    outcome: Outcome,
    reason: string,
    value: string | null = null,
    threshold: number | null = lowest,
  ): PlannedDecision => {
    const { label, confidence } = (prediction ?? {}) as Partial<Record<string, unknown>>;
    return {
      field: target.field,
      predicted: typeof label === "string" ? label : null,
      value,
      confidence: typeof confidence === "number" && Number.isFinite(confidence) ? confidence : null,
      threshold,
      outcome,
      reason,
    };
  };
  const fail = (reason: string, threshold: number | null = lowest): FieldResult => ({
    decision: record("failed", reason, null, threshold),
    line: `${target.field}: not changed: ${reason}`,
  });

  if (prediction === undefined || prediction === null) return { decision: record("skipped", "no prediction") };
  const problem = predictionProblem(prediction);
  if (problem) return fail(`model output invalid: ${problem}`);
  if (target.unavailable) return fail(target.unavailable);

  const { label, confidence } = prediction as FieldPrediction;
  const step = chooseBand(policy.bands, confidence, policy.below);
  const [shown, cut] = formatPair(confidence, step.threshold);
  const banded = policy.bands.length > 1 && !step.below ? ` (${step.action} band)` : "";
  const why = step.below ? `confidence ${shown} < ${cut}` : `confidence ${shown} >= ${cut}${banded}`;

  const fallback = (cause: string): FieldResult => {
    if (policy.fallback === null) {
      return {
        decision: record(
          "fallback",
          `${cause}; no fallback is set, so the field is left unchanged`,
          null,
          step.threshold,
        ),
        line: `${target.field}: left unchanged (no fallback is set): ${cause}`,
      };
    }
    const resolved = target.resolve(policy.fallback);
    if (!resolved.ok) {
      return fail(
        `${cause}; the fallback ${target.noun} '${show(policy.fallback)}' cannot be used either, ${resolved.why}; the field is left unchanged`,
        step.threshold,
      );
    }
    if (target.isCurrent(resolved.value)) {
      return { decision: record("skipped", `already set (fallback: ${cause})`, resolved.value, step.threshold) };
    }
    const remark = resolved.remark ? `; fallback ${resolved.remark}` : "";
    return {
      decision: record("fallback", `${cause}${remark}`, resolved.value, step.threshold),
      line: `${target.field}: fell back to ${show(resolved.value)}: ${cause}`,
    };
  };

  if (step.action === "skip") {
    return { decision: record("skipped", `${why} (${step.below ? "below" : "band"}: skip)`, null, step.threshold) };
  }
  if (step.action === "fallback") return fallback(why);

  const mapped = matchMapping(policy.mapping, label);
  if (mapped === null) return fallback(`label '${show(label)}' matches no mapping entry`);
  const resolved: Resolution = hasControlCharacters(mapped)
    ? { ok: false, why: "which contains a line break or control character" }
    : target.resolve(mapped);
  if (!resolved.ok) return fallback(`label '${show(label)}' maps to ${target.noun} '${show(mapped)}', ${resolved.why}`);
  const value = resolved.value;
  if (target.isCurrent(value)) return { decision: record("skipped", "already set", value, step.threshold) };

  const details = [
    why,
    mapped === label ? undefined : `label '${show(label)}' maps to '${show(mapped)}'`,
    resolved.remark,
  ].filter((part): part is string => part !== undefined);
  const reason = details.join("; ");
  const short = step.above === null ? formatConfidence(confidence) : formatPair(confidence, step.above).join(" < ");

  if (step.action === "suggest") {
    return {
      decision: record("suggested", reason, value, step.threshold),
      line: `${target.field}: suggested ${show(value)} (confidence ${short})`,
    };
  }
  if (step.action === "apply_and_flag") {
    return {
      decision: record("flagged", `${reason}; flagged with tag '${policy.flag_tag}'`, value, step.threshold),
      line: `${target.field}: flagged for review: ${show(value)} (confidence ${short}; applied, tagged ${policy.flag_tag})`,
      flag: policy.flag_tag,
    };
  }
  return {
    decision: record("applied", reason, value, step.threshold),
    line: `${target.field}: ${show(value)} (confidence ${formatConfidence(confidence)}, applied)`,
  };
}
