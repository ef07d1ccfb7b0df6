/**
 * @module policy/schema
 * The decision policy as configuration: per field a confidence threshold or bands, what to do below
 * them, a fallback value, and a label mapping. The schema normalises it (bands sorted from the highest
 * `min` down, a threshold turned into a band, mappings into ordered rules), so deciding never has to
 * guess. Conflicting settings are config errors that name their path.
 */
import { z } from "zod";
import type { MappingRule } from "./mapping.ts";
import { tagSyntaxProblem } from "./tag-syntax.ts";

/** What to do with a prediction, by confidence. */
export type Action = "apply" | "apply_and_flag" | "suggest" | "fallback" | "skip";
/** What to do below the lowest band. */
export type BelowAction = "fallback" | "suggest" | "skip";

export interface Band {
  min: number;
  action: Action;
}

/** One field's policy, normalised. */
export interface FieldPolicy {
  /** Highest `min` first, never empty. A lone `threshold` is one `apply` band. */
  bands: readonly Band[];
  below: BelowAction;
  /** Written on the fallback path; null leaves the field unchanged. */
  fallback: string | null;
  /** Null is the identity mapping. */
  mapping: readonly MappingRule[] | null;
  flag_tag: string;
}

/** The tags policy: each predicted tag is decided on its own. */
export interface TagsPolicy extends FieldPolicy {
  /** The most tags one decision adds (flag tags not counted); null is no limit. */
  max: number | null;
  /** False: only tags the help desk lists, when it lists them. */
  allow_new: boolean;
}

export interface NotePolicy {
  enabled: boolean;
  header: string;
}

export interface PolicyFields {
  queue?: FieldPolicy;
  priority?: FieldPolicy;
  type?: FieldPolicy;
  tags?: TagsPolicy;
  /** By the custom field's name (or id), as written after `custom_fields.`. */
  custom_fields: Record<string, FieldPolicy>;
}

export interface Policy {
  fields: PolicyFields;
  note: NotePolicy;
}

export const DEFAULT_FLAG_TAG = "otai-review";
export const DEFAULT_NOTE_HEADER = "Open Ticket AI";
const CUSTOM_PREFIX = "custom_fields.";

const Confidence = z
  .number({ error: "expected a number between 0 and 1" })
  .min(0, { error: (issue) => `must be between 0 and 1, got ${String(issue.input)}` })
  .max(1, { error: (issue) => `must be between 0 and 1, got ${String(issue.input)}` });

const ACTIONS = ["apply", "apply_and_flag", "suggest", "fallback", "skip"] as const;
const BELOW_ACTIONS = ["fallback", "suggest", "skip"] as const;

const ActionSchema = z.enum(ACTIONS, {
  error: (issue) => `unknown action ${JSON.stringify(issue.input)}; expected one of: ${ACTIONS.join(", ")}`,
});
const BelowSchema = z.enum(BELOW_ACTIONS, {
  error: (issue) => `unknown action ${JSON.stringify(issue.input)}; expected one of: ${BELOW_ACTIONS.join(", ")}`,
});

const BandSchema = z.object({ min: Confidence, action: ActionSchema }).strict();

const TagSchema = z.string().superRefine((tag, ctx) => {
  const problem = tagSyntaxProblem(tag);
  if (problem) ctx.addIssue({ code: "custom", message: `'${tag}' is not a valid tag: ${problem}` });
});

const MappingValue = z.string().min(1, { error: 'a mapping value must not be empty (use "$label" for the label)' });

// An object is the short form; a list of one-entry objects keeps its order even for labels such as "1" and
// "2", which a JavaScript object would move to the front.
const MappingSchema = z
  .union([
    z.record(z.string(), MappingValue),
    z.array(
      z.record(z.string(), MappingValue).refine((entry) => Object.keys(entry).length === 1, {
        error: 'each list entry maps one pattern: { "pattern": "value" }',
      }),
    ),
  ])
  // A check, not an issue raised in the transform: zod aborts the parents' checks after a transform's issue.
  .superRefine((mapping, ctx) => {
    if (mappingEntries(mapping).length === 0) {
      ctx.addIssue({
        code: "custom",
        message: "the mapping is empty; leave `mapping` out to use the labels as they are",
      });
    }
  })
  .transform((mapping): MappingRule[] => mappingEntries(mapping).map(([pattern, value]) => ({ pattern, value })));

function mappingEntries(mapping: Record<string, string> | Record<string, string>[]): [string, string][] {
  return Array.isArray(mapping) ? mapping.flatMap((entry) => Object.entries(entry)) : Object.entries(mapping);
}

const fieldShape = {
  threshold: Confidence.optional(),
  bands: z.array(BandSchema).min(1, { error: "give at least one band, or leave `bands` out" }).optional(),
  below: BelowSchema.optional(),
  fallback: z
    .string()
    .min(1, { error: "the fallback must not be empty (use null to leave the field unchanged)" })
    .nullable()
    .optional(),
  mapping: MappingSchema.optional(),
  flag_tag: TagSchema.optional(),
};

type FieldInput = {
  threshold?: number | undefined;
  bands?: { min: number; action: Action }[] | undefined;
  below?: BelowAction | undefined;
  fallback?: string | null | undefined;
  mapping?: MappingRule[] | undefined;
  flag_tag?: string | undefined;
};

function checkBands(field: FieldInput, ctx: z.RefinementCtx): void {
  if (field.threshold === undefined && field.bands === undefined) {
    ctx.addIssue({ code: "custom", message: "set `threshold` or `bands`: without one, no confidence is good enough" });
    return;
  }
  if (!field.bands) return;
  const seen = new Map<number, number>();
  field.bands.forEach((band, index) => {
    const first = seen.get(band.min);
    if (first !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["bands", index, "min"],
        message: `two bands start at ${band.min} (bands[${first}] and bands[${index}]); each band needs its own min`,
      });
    } else seen.set(band.min, index);
  });
  const lowest = Math.min(...field.bands.map((band) => band.min));
  if (field.threshold !== undefined && field.threshold !== lowest) {
    ctx.addIssue({
      code: "custom",
      path: ["threshold"],
      message: `threshold ${field.threshold} disagrees with bands, whose lowest min is ${lowest}; with bands, the threshold is where the lowest band starts, so set it to ${lowest} or leave it out`,
    });
  }
}

function normalise(field: FieldInput, defaultBelow: BelowAction): FieldPolicy {
  const bands = field.bands ?? [{ min: field.threshold ?? 0, action: "apply" as const }];
  return {
    bands: [...bands].sort((a, b) => b.min - a.min),
    below: field.below ?? defaultBelow,
    fallback: field.fallback ?? null,
    mapping: field.mapping ?? null,
    flag_tag: field.flag_tag ?? DEFAULT_FLAG_TAG,
  };
}

/**
 * One field's policy (queue, priority, type or a custom field).
 *
 * @example
 * FieldPolicySchema.parse({ threshold: 0.8, fallback: "Unclassified" });
 * // { bands: [{ min: 0.8, action: "apply" }], below: "fallback", fallback: "Unclassified", mapping: null, flag_tag: "otai-review" }
 */
export const FieldPolicySchema = z
  .object(fieldShape)
  .strict()
  .superRefine(checkBands)
  .transform((field): FieldPolicy => normalise(field, "fallback"));

/**
 * The tags policy. `below` defaults to `skip` here: a tag the model is unsure of is simply not added,
 * rather than counted as a fallback once per unsure tag.
 *
 * @example
 * TagsPolicySchema.parse({ threshold: 0.6, max: 5 }).max; // 5
 */
export const TagsPolicySchema = z
  .object({
    ...fieldShape,
    fallback: TagSchema.nullable().optional(),
    max: z.number().int().positive({ error: "max must be a whole number of at least 1" }).optional(),
    allow_new: z.boolean().optional(),
  })
  .strict()
  .superRefine(checkBands)
  .transform(
    (field): TagsPolicy => ({
      ...normalise(field, "skip"),
      max: field.max ?? null,
      allow_new: field.allow_new ?? false,
    }),
  );

const BUILT_IN_FIELDS = ["queue", "priority", "type", "tags", "custom_fields"] as const;

const FieldsSchema = z
  .object({
    queue: FieldPolicySchema.optional(),
    priority: FieldPolicySchema.optional(),
    type: FieldPolicySchema.optional(),
    tags: TagsPolicySchema.optional(),
    custom_fields: z.record(z.string().min(1), FieldPolicySchema).optional(),
  })
  // `custom_fields.<name>` keys, as in the docs; everything else is reported as an unknown key below.
  .catchall(FieldPolicySchema)
  .superRefine((fields, ctx) => {
    const keys = Object.keys(fields);
    if (keys.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: "no fields configured: set at least one of queue, priority, type, tags or custom_fields.<name>",
      });
    }
    for (const key of keys) {
      if ((BUILT_IN_FIELDS as readonly string[]).includes(key)) continue;
      if (!key.startsWith(CUSTOM_PREFIX) || key.length === CUSTOM_PREFIX.length) {
        // The loader turns this code into "unknown key" with a did-you-mean from the keys above.
        ctx.addIssue({ code: "unrecognized_keys", keys: [key], path: [], message: `unknown field '${key}'` });
      } else if (fields.custom_fields?.[key.slice(CUSTOM_PREFIX.length)] !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `custom field '${key.slice(CUSTOM_PREFIX.length)}' is configured twice (here and under custom_fields)`,
        });
      }
    }
  })
  .transform((fields): PolicyFields => {
    const { queue, priority, type, tags, custom_fields, ...rest } = fields;
    const custom: Record<string, FieldPolicy> = { ...custom_fields };
    for (const [key, policy] of Object.entries(rest)) custom[key.slice(CUSTOM_PREFIX.length)] = policy as FieldPolicy;
    return {
      ...(queue ? { queue } : {}),
      ...(priority ? { priority } : {}),
      ...(type ? { type } : {}),
      ...(tags ? { tags } : {}),
      custom_fields: custom,
    };
  });

const NoteSchema = z
  .object({
    enabled: z.boolean().default(true),
    header: z.string().default(DEFAULT_NOTE_HEADER),
  })
  .strict();

/**
 * The decision policy: how predictions become ticket changes.
 *
 * @example
 * const policy = PolicySchema.parse(YAML.parse(`
 * fields:
 *   queue:
 *     bands: [{ min: 0.92, action: apply }, { min: 0.75, action: apply_and_flag }, { min: 0.5, action: suggest }]
 *     fallback: Unclassified
 *     mapping: { "Billing*": "Billing and Payments", "*": "$label" }
 *   priority: { threshold: 0.7 }
 * `));
 */
export const PolicySchema = z
  .object({
    fields: FieldsSchema,
    note: NoteSchema.default({ enabled: true, header: DEFAULT_NOTE_HEADER }),
  })
  .strict();

/** One field's policy as written. */
export interface FieldPolicyInput {
  threshold?: number;
  bands?: Band[];
  below?: BelowAction;
  fallback?: string | null;
  mapping?: Record<string, string> | Record<string, string>[];
  flag_tag?: string;
}

export interface TagsPolicyInput extends FieldPolicyInput {
  max?: number;
  allow_new?: boolean;
}

/** The policy as written (YAML or code); {@link PolicySchema} turns it into a {@link Policy}. */
export interface PolicyInput {
  fields: {
    queue?: FieldPolicyInput;
    priority?: FieldPolicyInput;
    type?: FieldPolicyInput;
    tags?: TagsPolicyInput;
    custom_fields?: Record<string, FieldPolicyInput>;
    [custom: `custom_fields.${string}`]: FieldPolicyInput;
  };
  note?: Partial<NotePolicy>;
}

// Keeps the hand-written input type honest: anything it allows, the schema's own input type allows too.
type InputFits<T extends true> = T;
type _PolicyInputFits = InputFits<PolicyInput extends z.input<typeof PolicySchema> ? true : false>;
