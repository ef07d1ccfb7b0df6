/**
 * @module fakes/zendesk/jobs
 * Bulk updates run as jobs. `update_many` answers at once with a queued job; each poll of
 * `/job_statuses/{id}` moves it on (queued → working → completed, the number of polls per state set
 * by the options). The updates are applied when the job completes, one ticket at a time, with the
 * same rules as a single update; a ticket that fails (stale `updated_stamp`, closed, invalid) is a
 * failed result and does not stop the others.
 */
import { createHash } from "node:crypto";
import type { ZendeskJobLifecycle, ZendeskQuirks } from "./options.ts";
import type { ZendeskStore } from "./store.ts";
import { applyTicketUpdate } from "./ticket-update.ts";

export type JobState = "queued" | "working" | "completed" | "failed";

export type JobResult =
  | { id: number; action: "update"; status: "Updated"; success: true }
  /** The spec's `FailedResult` names the problem in `error` and `details`; `errors` repeats `details`. */
  | { id: number; action: "update"; success: false; error: string; details: string; errors: string };

export interface ZendeskJob {
  id: string;
  job_type: "Bulk Update";
  status: JobState;
  total: number;
  progress: number | null;
  message: string | null;
  results: JobResult[] | null;
  /** The updates still to apply, ticket id with its `ticket` object. */
  pending: { id: number; patch: unknown }[];
  polls: number;
  authorId: number;
  /** When set, the job fails with this message instead of applying anything. */
  failWith: string | null;
}

export interface JobQueue {
  readonly jobs: Map<string, ZendeskJob>;
  enqueue(updates: { id: number; patch: unknown }[], authorId: number): ZendeskJob;
  /** One poll: moves the job one step along its lifecycle and returns it. */
  poll(id: string): ZendeskJob | undefined;
  /** Completes every unfinished job now (control API: "the background worker caught up"). */
  drain(): void;
  /** The next job created will fail with `message`. */
  failNext(message: string): void;
}

/**
 * @example
 * const queue = createJobQueue(store, () => options);
 * const job = queue.enqueue([{ id: 1, patch: { status: "solved" } }], 1);
 * queue.poll(job.id)?.status; // "queued", then "working", then "completed"
 */
export function createJobQueue(
  store: ZendeskStore,
  settings: () => { jobs: ZendeskJobLifecycle; quirks: ZendeskQuirks },
): JobQueue {
  const jobs = new Map<string, ZendeskJob>();
  let counter = 0;
  let failMessage: string | null = null;

  function complete(job: ZendeskJob): void {
    if (job.failWith !== null) {
      job.status = "failed";
      job.message = job.failWith;
      job.pending = [];
      return;
    }
    const results: JobResult[] = job.pending.map(({ id, patch }) => {
      const outcome = applyTicketUpdate(store, settings().quirks, id, patch, job.authorId);
      return outcome.ok
        ? { id, action: "update", status: "Updated", success: true }
        : {
            id,
            action: "update",
            success: false,
            error: outcome.error,
            details: outcome.message,
            errors: outcome.message,
          };
    });
    job.pending = [];
    job.status = "completed";
    job.progress = job.total;
    job.results = results;
    job.message = "Completed";
  }

  return {
    jobs,
    enqueue(updates, authorId) {
      counter += 1;
      const id = createHash("md5").update(`fake-zendesk-job-${counter}`).digest("hex");
      const job: ZendeskJob = {
        id,
        job_type: "Bulk Update",
        status: "queued",
        total: updates.length,
        progress: null,
        message: null,
        results: null,
        pending: updates,
        polls: 0,
        authorId,
        failWith: failMessage,
      };
      failMessage = null;
      jobs.set(id, job);
      return job;
    },
    poll(id) {
      const job = jobs.get(id);
      if (!job || job.status === "completed" || job.status === "failed") return job;
      job.polls += 1;
      const { queuedPolls, workingPolls } = settings().jobs;
      if (job.polls <= queuedPolls) job.status = "queued";
      else if (job.polls <= queuedPolls + workingPolls) {
        job.status = "working";
        job.progress = Math.floor(job.total / 2);
      } else complete(job);
      return job;
    },
    drain() {
      for (const job of jobs.values()) if (job.status === "queued" || job.status === "working") complete(job);
    },
    failNext(message) {
      failMessage = message;
    },
  };
}
