/**
 * @module fakes/zendesk/reply
 * What a handler answers, and the error bodies Zendesk uses. The shapes follow the research notes
 * (`{error, description, details}`); wording marked [U] there is the fake's best guess.
 */

/** A response before headers are added: JSON (`json`) or plain text (`text`). */
export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** Per-field problems of a 422, e.g. `{ priority: [{ description: "Priority: super is not valid", error: "InvalidValue" }] }`. */
export type RecordInvalidDetails = Record<string, { description: string; error: string }[]>;

/**
 * @example
 * jsonReply(200, { ticket: { id: 1 } });
 */
export function jsonReply(status: number, json: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, json, headers } : { status, json };
}

/** 404 for a record that does not exist. */
export function recordNotFound(): Reply {
  return jsonReply(404, { error: "RecordNotFound", description: "Not found" });
}

/** 404 for a path the API does not have. */
export function invalidEndpoint(): Reply {
  return jsonReply(404, { error: "InvalidEndpoint", description: "Not found" });
}

/** 401 [U wording]. */
export function unauthorized(): Reply {
  return jsonReply(401, { error: "Couldn't authenticate you" });
}

/** 403 for an agent on an admin-only endpoint [U wording]. */
export function forbidden(): Reply {
  return jsonReply(403, {
    error: "Forbidden",
    description:
      "You do not have access to this page. Please contact the account owner of this help desk for further help.",
  });
}

/** 422 with per-field details. */
export function recordInvalid(details: RecordInvalidDetails): Reply {
  return jsonReply(422, { error: "RecordInvalid", description: "Record validation errors", details });
}

/** 400 with Zendesk's `{error, description}` shape. */
export function badRequest(error: string, description: string): Reply {
  return jsonReply(400, { error, description });
}

/** The 409 of a stale `updated_stamp` under `safe_update`. */
export const UPDATE_CONFLICT = {
  error: "UpdateConflict",
  description:
    "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.",
} as const;
