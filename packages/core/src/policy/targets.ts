/**
 * @module policy/targets
 * A target is one ticket field as the policy sees it: how to check a value against the help desk's
 * options, whether the ticket already has it, and where it goes in the update.
 */
import type { TicketUpdate, UnifiedEntity, UnifiedTicket } from "../contracts/ticket.ts";
import { entityMatches } from "../contracts/ticket.ts";
import type { FieldOption, HelpDeskOptions } from "../contracts/ticket-system.ts";
import { type Resolution, resolveOption } from "./resolve-option.ts";
import { tagSyntaxProblem } from "./tag-syntax.ts";

export interface Target {
  /** The field as named in decisions: `queue`, `tags`, `custom_fields.product`. */
  readonly field: string;
  /** What a value is called in reasons: "queue", "tag", "custom_fields.product value". */
  readonly noun: string;
  /** Set when the help desk has no such field at all; every decision on it fails with this reason. */
  readonly unavailable?: string;
  resolve(value: string): Resolution;
  isCurrent(value: string): boolean;
  write(changes: TicketUpdate, value: string): void;
}

// HelpDeskOptions has no tag list yet; an adapter that adds one is honoured without a contract change.
type OptionsWithTags = HelpDeskOptions & { tags?: readonly string[] };

function names(entities: readonly UnifiedEntity[]): string[] {
  return entities.flatMap((entity) => (typeof entity.name === "string" ? [entity.name] : []));
}

function entityTarget(
  field: "queue" | "priority",
  plural: string,
  known: readonly UnifiedEntity[],
  current: UnifiedEntity | undefined,
): Target {
  const knownNames = names(known);
  return {
    field,
    noun: field,
    resolve: (value) => resolveOption(value, knownNames, plural),
    // By id when the ticket and the option both have one, so a renamed queue still counts as set.
    isCurrent: (value) => entityMatches(current, known.find((entity) => entity.name === value) ?? { name: value }),
    write: (changes, value) => {
      changes[field] = { name: value };
    },
  };
}

/** Targets for the built-in fields. */
export function builtInTarget(
  field: "queue" | "priority" | "type",
  ticket: UnifiedTicket,
  options: HelpDeskOptions,
): Target {
  if (field === "queue") return entityTarget("queue", "queues", options.queues, ticket.queue);
  if (field === "priority") return entityTarget("priority", "priorities", options.priorities, ticket.priority);
  return {
    field: "type",
    noun: "type",
    resolve: (value) => resolveOption(value, options.types, "types"),
    isCurrent: (value) => ticket.type === value,
    write: (changes, value) => {
      changes.type = value;
    },
  };
}

/** The tags target: syntax always, the help desk's list only when `allow_new` is false and it has one. */
export function tagsTarget(ticket: UnifiedTicket, options: HelpDeskOptions, allowNew: boolean): Target {
  const listed = (options as OptionsWithTags).tags ?? [];
  return {
    field: "tags",
    noun: "tag",
    resolve: (value) => {
      const problem = tagSyntaxProblem(value);
      if (problem) return { ok: false, why: `which is not a valid tag (${problem})` };
      if (allowNew || listed.length === 0) return { ok: true, value };
      return resolveOption(value, listed, "tags");
    },
    isCurrent: (value) => ticket.tags.includes(value),
    write: (changes, value) => {
      changes.add_tags = [...new Set([...(changes.add_tags ?? []), value])];
    },
  };
}

function findField(name: string, fields: readonly FieldOption[]): { field: FieldOption; exact: boolean } | undefined {
  const exact = fields.find((field) => field.id === name || field.name === name);
  if (exact) return { field: exact, exact: true };
  const folded = fields.filter((field) => field.name.toLowerCase() === name.toLowerCase());
  return folded.length === 1 && folded[0] ? { field: folded[0], exact: false } : undefined;
}

/**
 * A custom field by name or id. Drop-downs are checked against their option values; other fields take
 * any text. When the help desk lists fields but not this one, every decision on it fails: there is
 * nothing a fallback could be written to.
 */
export function customFieldTarget(name: string, ticket: UnifiedTicket, options: HelpDeskOptions): Target {
  const field = `custom_fields.${name}`;
  const found = findField(name, options.fields);
  const key = found && !found.exact ? found.field.name : name;
  const current = [name, found?.field.id, found?.field.name]
    .filter((k): k is string => k !== undefined)
    .map((k) => ticket.custom_fields[k])
    .find((value) => value !== undefined && value !== null);
  const base = {
    field,
    noun: `${field} value`,
    isCurrent: (value: string) => current !== undefined && String(current) === value,
    write: (changes: TicketUpdate, value: string) => {
      changes.custom_fields = { ...changes.custom_fields, [key]: value };
    },
  };
  if (!found && options.fields.length > 0) {
    return {
      ...base,
      unavailable: `the help desk has no custom field '${name}'`,
      resolve: () => ({ ok: false, why: `which the help desk does not have (it has no custom field '${name}')` }),
    };
  }
  const choices = found?.field.options;
  return {
    ...base,
    resolve: (value) => {
      if (!found) return { ok: true, value, remark: "not checked: the help desk lists no custom fields" };
      const remark = found.exact ? undefined : `custom field '${name}' is the help desk's '${found.field.name}'`;
      if (choices === undefined) return remark ? { ok: true, value, remark } : { ok: true, value };
      const resolution = resolveOption(value, choices, `options for custom field '${found.field.name}'`);
      if (!resolution.ok || !remark) return resolution;
      return { ...resolution, remark: resolution.remark ? `${remark}; ${resolution.remark}` : remark };
    },
  };
}
