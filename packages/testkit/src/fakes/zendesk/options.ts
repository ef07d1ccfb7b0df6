/**
 * @module fakes/zendesk/options
 * Everything about the fake Zendesk that a test may change. Behaviour the research notes mark [U]
 * (unverified) is a quirk switch here rather than a hard rule, so an adapter can be tested against
 * either reading of the docs.
 */
import type { OpenApiDocument } from "../../openapi/types.ts";
import type { FakeZendeskSeed } from "./types.ts";

/** Behaviours that are unverified or vary; each default is the stricter or the documented reading. */
export interface ZendeskQuirks {
  /** [U] Cursor `page[size]` above 100: `"error"` answers 400, `"clamp"` serves 100. */
  cursorPageSizeOverMax: "error" | "clamp";
  /** [U] Offset `per_page` above 100: `"clamp"` serves 100, `"error"` answers 400. */
  perPageOverMax: "clamp" | "error";
  /** [U] `links.next` on the last cursor page: Zendesk's own clients stop on `meta.has_more`, so `"url"` keeps a link there. */
  lastPageNextLink: "url" | "null";
  /** [U] Search offers `next_page` even when that page lies past the 1,000-result cap (and then answers 422). */
  searchNextPageBeyondCap: boolean;
  /** [U] `result_type: "ticket"` on search results. */
  searchResultType: boolean;
  /** An invalid drop-down value on update: `"drop"` keeps the field unchanged with 200, `"reject"` answers 422. */
  invalidDropdownValue: "drop" | "reject";
  /** The spec: "A value of false has the same effect as true" for `safe_update`. */
  safeUpdateFalseIsSafe: boolean;
  /** Setting a drop-down stores its option value as a tag (and removes the previous option's tag), as Zendesk does. */
  dropdownValuesAsTags: boolean;
  /** [U] An unknown `group_id` on update answers 422 instead of being stored. */
  rejectUnknownGroup: boolean;
  /** [U] A PUT without `Content-Type: application/json` answers 415 instead of being read as JSON anyway. */
  requireJsonContentType: boolean;
  /** [U] A 429 body: plain text (as Zendesk often sends) or JSON. */
  rateLimitBody: "text" | "json";
  /** `/search/export` without `filter[type]`: required in later spec revisions, optional in the stored one. */
  exportRequiresFilterType: boolean;
  /** Incremental export leaves out changes from the most recent minute (since 2024-10-28). */
  incrementalExcludeRecentMs: number;
  /** `/search/export` cursors expire after an hour. */
  exportCursorTtlMs: number;
}

/** Requests per window; Zendesk counts per minute. */
export interface ZendeskRateLimits {
  /** Account-wide budget (Enterprise: 700). */
  perMinute: number;
  /** `PUT /api/v2/tickets/{id}`: 100 per minute per account. */
  updateTicketPerMinute: number;
  /** Incremental exports: 10 per minute. */
  incrementalPerMinute: number;
  /** `/search/export`: 100 per minute. */
  searchExportPerMinute: number;
  /** Window length; tests may shorten it, or move the clock with `advanceTime`. */
  windowMs: number;
}

/** Who may call the fake. The API token user is also the author of comments made through the API. */
export interface ZendeskCredentials {
  email: string;
  apiToken: string;
  /** An OAuth access token accepted as `Authorization: Bearer ...`; `null` accepts none. */
  bearerToken: string | null;
  /** Incremental exports need an admin. */
  admin: boolean;
  userId: number;
  name: string;
}

/** How a bulk job progresses: the first `queuedPolls` polls see "queued", the next `workingPolls` "working". */
export interface ZendeskJobLifecycle {
  queuedPolls: number;
  workingPolls: number;
}

export interface FakeZendeskOptions {
  credentials?: Partial<ZendeskCredentials>;
  rateLimits?: Partial<ZendeskRateLimits>;
  quirks?: Partial<ZendeskQuirks>;
  jobs?: Partial<ZendeskJobLifecycle>;
  /** How long a new or changed ticket takes to reach search results (Zendesk: "a few minutes"). Default 0. */
  searchIndexDelayMs?: number;
  /** Offset pagination stops after this many records with 400 (Zendesk: 10,000). */
  offsetRecordLimit?: number;
  /** Search returns at most this many results; pages past it answer 422 (Zendesk: 1,000). */
  searchResultLimit?: number;
  /** The time source (ms since epoch); `advanceTime` adds to it. Default `Date.now`. */
  now?: () => number;
  /** When given, every request is validated against this spec and the verdict kept in the request log. */
  openApi?: OpenApiDocument;
  seed?: FakeZendeskSeed;
}

export interface ResolvedOptions {
  credentials: ZendeskCredentials;
  rateLimits: ZendeskRateLimits;
  quirks: ZendeskQuirks;
  jobs: ZendeskJobLifecycle;
  searchIndexDelayMs: number;
  offsetRecordLimit: number;
  searchResultLimit: number;
}

export const DEFAULT_QUIRKS: Readonly<ZendeskQuirks> = Object.freeze({
  cursorPageSizeOverMax: "error",
  perPageOverMax: "clamp",
  lastPageNextLink: "url",
  searchNextPageBeyondCap: true,
  searchResultType: true,
  invalidDropdownValue: "drop",
  safeUpdateFalseIsSafe: true,
  dropdownValuesAsTags: true,
  rejectUnknownGroup: true,
  requireJsonContentType: true,
  rateLimitBody: "text",
  exportRequiresFilterType: true,
  incrementalExcludeRecentMs: 60_000,
  exportCursorTtlMs: 3_600_000,
});

export const DEFAULT_CREDENTIALS: Readonly<ZendeskCredentials> = Object.freeze({
  email: "agent@example.test",
  apiToken: "fake-api-token",
  bearerToken: "fake-oauth-token",
  admin: true,
  userId: 1,
  name: "API Agent",
});

export const DEFAULT_RATE_LIMITS: Readonly<ZendeskRateLimits> = Object.freeze({
  perMinute: 700,
  updateTicketPerMinute: 100,
  incrementalPerMinute: 10,
  searchExportPerMinute: 100,
  windowMs: 60_000,
});

/** Fills in every default. */
export function resolveOptions(options: FakeZendeskOptions): ResolvedOptions {
  return {
    credentials: { ...DEFAULT_CREDENTIALS, ...options.credentials },
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    quirks: { ...DEFAULT_QUIRKS, ...options.quirks },
    jobs: { queuedPolls: 1, workingPolls: 1, ...options.jobs },
    searchIndexDelayMs: options.searchIndexDelayMs ?? 0,
    offsetRecordLimit: options.offsetRecordLimit ?? 10_000,
    searchResultLimit: options.searchResultLimit ?? 1_000,
  };
}
