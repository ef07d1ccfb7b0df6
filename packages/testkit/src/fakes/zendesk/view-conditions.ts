/**
 * @module fakes/zendesk/view-conditions
 * Evaluates a view's conditions in Zendesk's shape (`{ all: [...], any: [...] }` of
 * `{ field, operator, value }`). Supported fields: `status`, `priority`, `type`, `group_id`,
 * `assignee_id`, `requester_id`, `organization_id`, `current_tags`, `custom_fields_<id>`; operators
 * `is`, `is_not`, `less_than`, `greater_than`, `includes`, `not_includes`. Anything else never matches.
 */
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type ViewCondition,
  type ZendeskTicket,
  type ZendeskView,
} from "./types.ts";

/**
 * @example
 * matchesView(ticket, { all: [{ field: "status", operator: "less_than", value: "solved" }], any: [] });
 */
export function matchesView(ticket: ZendeskTicket, conditions: ZendeskView["conditions"]): boolean {
  const all = conditions.all.every((condition) => matchesCondition(ticket, condition));
  const any = conditions.any.length === 0 || conditions.any.some((condition) => matchesCondition(ticket, condition));
  return all && any;
}

function matchesCondition(ticket: ZendeskTicket, condition: ViewCondition): boolean {
  const { field, operator } = condition;
  const wanted = condition.value === null ? null : String(condition.value);
  if (field === "current_tags") {
    const tags = (wanted ?? "").split(/\s+/).filter(Boolean);
    if (operator === "includes") return tags.some((tag) => ticket.tags.includes(tag));
    if (operator === "not_includes") return !tags.some((tag) => ticket.tags.includes(tag));
    return false;
  }
  const actual = fieldValue(ticket, field);
  if (actual === undefined) return false;
  const text = actual === null ? null : String(actual);
  switch (operator) {
    case "is":
      return text === wanted || (wanted === "" && text === null);
    case "is_not":
      return text !== wanted;
    case "less_than":
    case "greater_than": {
      const order: readonly string[] = field === "status" ? TICKET_STATUSES : TICKET_PRIORITIES;
      const a = text === null ? -1 : order.indexOf(text);
      const b = wanted === null ? -1 : order.indexOf(wanted);
      return b >= 0 && (operator === "less_than" ? a >= 0 && a < b : a > b);
    }
    default:
      return false;
  }
}

function fieldValue(ticket: ZendeskTicket, field: string): string | number | boolean | null | undefined {
  switch (field) {
    case "status":
    case "priority":
    case "type":
    case "group_id":
    case "assignee_id":
    case "requester_id":
    case "organization_id":
      return ticket[field];
    default: {
      const custom = /^custom_fields_(\d+)$/.exec(field);
      if (!custom) return undefined;
      const value = ticket.custom_fields.find((f) => f.id === Number(custom[1]))?.value;
      return Array.isArray(value) ? value.join(" ") : (value ?? null);
    }
  }
}
