/**
 * @module contracts/pipe-result
 * OTAI's `PipeResult` and its algebra, copied exactly: a union is an AND of `succeeded`, an AND of
 * `was_skipped` starting from `false`, messages joined with "; ", and data merged left to right.
 */

export interface PipeResult {
  succeeded: boolean;
  was_skipped: boolean;
  message: string;
  data: Record<string, unknown>;
}

/** A successful result. */
export function success(data: Record<string, unknown> = {}, message = ""): PipeResult {
  return { succeeded: true, was_skipped: false, message, data };
}

/** A failed result: the composite around it stops. */
export function failure(message: string, data: Record<string, unknown> = {}): PipeResult {
  return { succeeded: false, was_skipped: false, message, data };
}

/** A skipped result: neither success nor failure, so a composite carries on. */
export function skipped(message = ""): PipeResult {
  return { succeeded: true, was_skipped: true, message, data: {} };
}

/** OTAI's `has_failed()`: failed and not skipped. */
export function hasFailed(result: PipeResult): boolean {
  return !result.succeeded && !result.was_skipped;
}

/** OTAI's `PipeResult.union`, starting from the empty result. */
export function unionResults(results: readonly PipeResult[]): PipeResult {
  return results.reduce<PipeResult>(
    (a, b) => ({
      succeeded: a.succeeded && b.succeeded,
      was_skipped: a.was_skipped && b.was_skipped,
      message: trimSeparators(`${a.message}; ${b.message}`),
      data: { ...a.data, ...b.data },
    }),
    success(),
  );
}

// Python's str.strip("; ") removes any run of ';' and ' ' at both ends.
function trimSeparators(text: string): string {
  return text.replace(/^[; ]+|[; ]+$/g, "");
}
