/**
 * @module server/readiness
 * Runs the readiness checks behind `/readyz`: all at once, each within its own timeout, a throw or a
 * timeout counting as not ready with the reason as the message.
 */

/**
 * One thing the engine needs before it can take work: the help desk reachable, the model loaded, the
 * state store open.
 *
 * @example
 * const helpDesk: ReadinessCheck = {
 *   name: "helpdesk",
 *   async check(signal) {
 *     await zendesk.request({ method: "GET", path: "/users/me.json", signal });
 *     return { ok: true };
 *   },
 * };
 */
export interface ReadinessCheck {
  name: string;
  /** `signal` aborts when the check's time is up, so a request it makes can stop too. */
  check(signal?: AbortSignal): Promise<{ ok: boolean; message?: string }>;
}

export interface CheckOutcome {
  ok: boolean;
  message?: string;
}

export interface ReadinessReport {
  status: "ok" | "unavailable";
  checks: Record<string, CheckOutcome>;
}

/**
 * Runs every check concurrently; ready when all pass within `timeoutMs`.
 *
 * @example
 * const report = await runReadiness([helpDesk, model], 2000);
 * // { status: "unavailable", checks: { helpdesk: { ok: true }, model: { ok: false, message: "did not answer within 2000 ms" } } }
 */
export async function runReadiness(checks: readonly ReadinessCheck[], timeoutMs: number): Promise<ReadinessReport> {
  const outcomes = await Promise.all(checks.map((check) => runOne(check, timeoutMs)));
  const report: ReadinessReport = { status: "ok", checks: {} };
  checks.forEach((check, i) => {
    const outcome = outcomes[i] ?? { ok: false, message: "no result" };
    report.checks[check.name] = outcome;
    if (!outcome.ok) report.status = "unavailable";
  });
  return report;
}

async function runOne(check: ReadinessCheck, timeoutMs: number): Promise<CheckOutcome> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => {
      const message = `did not answer within ${timeoutMs} ms`;
      controller.abort(new Error(message));
      resolve({ ok: false, message });
    }, timeoutMs);
    timer.unref();
  });
  const run = (async (): Promise<CheckOutcome> => {
    try {
      const result = await check.check(controller.signal);
      if (typeof result !== "object" || result === null) return { ok: false, message: "the check returned no result" };
      const ok = result.ok === true;
      return typeof result.message === "string" ? { ok, message: result.message } : { ok };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  })();
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
