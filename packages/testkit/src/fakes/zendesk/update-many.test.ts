import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type FakeZendesk, startFakeZendesk } from "./fake-zendesk.ts";
import { fakeZendeskClient } from "./test-client.ts";

const NOW = Date.parse("2025-06-10T12:00:00Z");

describe("fake Zendesk: update_many and job statuses", () => {
  let zendesk: FakeZendesk;
  let call: ReturnType<typeof fakeZendeskClient>;
  before(async () => {
    zendesk = await startFakeZendesk({
      now: () => NOW,
      seed: {
        groups: [{ id: 10, name: "Billing" }],
        tickets: [
          { id: 1, subject: "a", status: "open" },
          { id: 2, subject: "b", status: "open" },
          { id: 3, subject: "c", status: "closed" },
          { id: 4, subject: "d", status: "open", updated_at: "2025-06-10T11:00:00Z" },
          { id: 5, subject: "e", status: "open" },
        ],
      },
    });
    call = fakeZendeskClient(zendesk.url);
  });
  after(() => zendesk.close());

  const poll = async (url: string) => {
    const { status, json } = await call(url);
    assert.equal(status, 200);
    return json.job_status;
  };

  it("queues ?ids= with one ticket object, moves queued → working → completed over polls, then applies it", async () => {
    const { status, json } = await call("/api/v2/tickets/update_many.json?ids=1,2,3,404", {
      method: "PUT",
      body: { ticket: { group_id: 10, additional_tags: ["bulk"] } },
    });
    assert.equal(status, 200);
    const job = json.job_status;
    assert.equal(job.status, "queued");
    assert.equal(job.url, `${zendesk.url}/api/v2/job_statuses/${job.id}.json`);
    assert.equal(zendesk.ticket(1)?.group_id, null, "nothing is applied before the job runs");

    assert.equal((await poll(job.url)).status, "queued");
    assert.equal((await poll(job.url)).status, "working");
    const done = await poll(job.url);
    assert.equal(done.status, "completed");
    assert.deepEqual(
      done.results.map((r: { id: number; success: boolean }) => [r.id, r.success]),
      [
        [1, true],
        [2, true],
        [3, false],
        [404, false],
      ],
    );
    assert.equal(done.results[0].status, "Updated");
    assert.match(done.results[2].errors, /closed/);
    assert.equal(zendesk.ticket(1)?.group_id, 10);
    assert.deepEqual(zendesk.ticket(2)?.tags, ["bulk"]);
    assert.equal((await poll(job.url)).status, "completed", "a finished job stays finished");
  });

  it("takes a tickets array with ids and reports a stale safe_update as a failed result", async () => {
    const stale = "2025-06-10T10:00:00Z";
    const { json } = await call("/api/v2/tickets/update_many.json", {
      method: "PUT",
      body: {
        tickets: [
          { id: 4, priority: "high", safe_update: true, updated_stamp: stale },
          { id: 5, priority: "low" },
        ],
      },
    });
    zendesk.completeJobs();
    const done = await poll(json.job_status.url);
    assert.equal(done.status, "completed");
    const [conflict, ok] = done.results;
    assert.equal(conflict.success, false);
    assert.equal(conflict.error, "UpdateConflict");
    assert.match(conflict.errors, /Safe Update prevented the update/);
    assert.equal(ok.success, true);
    assert.equal(zendesk.ticket(4)?.priority, null);
    assert.equal(zendesk.ticket(5)?.priority, "low");
  });

  it("follows a configured lifecycle and can fail a whole job", async () => {
    const quick = await startFakeZendesk({ jobs: { queuedPolls: 0, workingPolls: 0 }, seed: { tickets: [{ id: 1 }] } });
    try {
      const client = fakeZendeskClient(quick.url);
      const created = await client("/api/v2/tickets/update_many.json?ids=1", {
        method: "PUT",
        body: { ticket: { priority: "low" } },
      });
      const first = await client(created.json.job_status.url);
      assert.equal(first.json.job_status.status, "completed");
      quick.failNextJob("Background worker crashed");
      const doomed = await client("/api/v2/tickets/update_many.json?ids=1", {
        method: "PUT",
        body: { ticket: { priority: "high" } },
      });
      const failed = await client(doomed.json.job_status.url);
      assert.equal(failed.json.job_status.status, "failed");
      assert.equal(failed.json.job_status.message, "Background worker crashed");
      assert.equal(quick.ticket(1)?.priority, "low");
    } finally {
      await quick.close();
    }
  });

  it("refuses more than 100 ids, a missing body, and unknown jobs", async () => {
    const ids = Array.from({ length: 101 }, (_, i) => i + 1).join(",");
    const tooMany = await call(`/api/v2/tickets/update_many.json?ids=${ids}`, {
      method: "PUT",
      body: { ticket: { priority: "low" } },
    });
    const noBody = await call("/api/v2/tickets/update_many.json?ids=1", { method: "PUT", body: {} });
    const noIds = await call("/api/v2/tickets/update_many.json", {
      method: "PUT",
      body: { tickets: [{ priority: "low" }] },
    });
    const unknown = await call("/api/v2/job_statuses/deadbeef.json");
    assert.deepEqual([tooMany.status, noBody.status, noIds.status, unknown.status], [400, 400, 400, 404]);
  });
});
