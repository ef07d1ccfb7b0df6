/**
 * @module state/_test-support
 * Helpers for the state store tests: real files in a fresh temporary directory.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import type { DecisionRecord, LedgerKey } from "./types.ts";

/**
 * A new temporary directory, removed when the test file finishes.
 *
 * @example
 * const file = join(tempDir(), "state.sqlite");
 */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "otai-state-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A ledger key for ticket `ticketId` of a Zendesk-like system.
 *
 * @example
 * const key = ticketKey("42");
 */
export function ticketKey(ticketId: string, pipeline = "pipeline-a"): LedgerKey {
  return { system: "zendesk", ticketId, pipeline };
}

/**
 * A complete decision record, with `overrides` applied.
 *
 * @example
 * const record = decision({ field: "priority", outcome: "flagged" });
 */
export function decision(overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    decisionId: "d1",
    system: "zendesk",
    ticketId: "42",
    ticketVersion: "2026-01-05T10:00:00Z",
    field: "queue",
    predicted: "billing",
    value: "360001",
    confidence: 0.91,
    threshold: 0.7,
    outcome: "applied",
    reason: "confidence 0.91 >= threshold 0.70",
    model: "otai-local",
    modelVersion: "1",
    mode: "live",
    at: "2026-01-05T10:00:01.000Z",
    ...overrides,
  };
}
