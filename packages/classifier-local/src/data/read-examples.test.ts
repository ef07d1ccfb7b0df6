import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { isOtaiError } from "@otai/core";
import { parseLabelColumn, parseTextColumns } from "./column-spec.ts";
import { dataFormatOf } from "./data-format.ts";
import { readExamples } from "./read-examples.ts";

const dir = mkdtempSync(join(tmpdir(), "otai-data-"));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function rejectsData(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isOtaiError(error, "OTAI_DATA_INVALID"), `expected OTAI_DATA_INVALID, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe("readExamples from CSV", () => {
  it("joins text columns, reads quoted multi-line fields and names each row's first line", async () => {
    const path = file(
      "tickets.csv",
      'subject,body,queue\nInvoice wrong,"Line one\nline two",Billing\n,VPN is down,IT\nHello,,Sales\n',
    );
    const data = await readExamples(path, { text: ["subject", "body"], labels: ["queue"] });
    assert.equal(data.format, "csv");
    assert.deepEqual(data.heads, ["queue"]);
    assert.deepEqual(
      data.examples.map((e) => [e.line, e.text, e.labels.queue]),
      [
        [2, "Invoice wrong Line one\nline two", "Billing"],
        [4, "VPN is down", "IT"],
        [5, "Hello", "Sales"],
      ],
    );
    assert.equal(data.rows, 3);
    assert.deepEqual(data.warnings, []);
  });

  it("reads a header literally named with a dot, and renames heads with HEAD=COLUMN", async () => {
    const path = file("dotted.csv", "subject,queue.name,priority.name\nA,Billing,high\n");
    const data = await readExamples(path, { text: ["subject"], labels: ["queue=queue.name", "priority.name"] });
    assert.deepEqual(data.heads, ["queue", "name"]);
    assert.deepEqual(data.examples[0]?.labels, { queue: "Billing", name: "high" });
  });

  it("collects tags from every column starting with the prefix, skipping empty ones", async () => {
    const path = file("tags.csv", "subject,queue,tag_1,tag_2,tag_3\nA,Q,vip,refund,\nB,Q,,,\n");
    const data = await readExamples(path, { text: ["subject"], labels: ["queue"], tags: "tag_" });
    assert.deepEqual(
      data.examples.map((e) => e.tags),
      [["vip", "refund"], []],
    );
  });

  it("keeps untagged rows without a label only when asked (to evaluate the tag head)", async () => {
    const csv = file("only-tags.csv", "subject,tag_1,tag_2\nA,vip,\nB,,\n");
    const skipped = await readExamples(csv, { text: ["subject"], labels: [], tags: "tag_" });
    assert.deepEqual(
      skipped.examples.map((e) => e.tags),
      [["vip"]],
    );
    assert.deepEqual(skipped.skipped, { empty_text: 0, no_label: 1 });
    const kept = await readExamples(csv, { text: ["subject"], labels: [], tags: "tag_", keepUntagged: true });
    assert.deepEqual(
      kept.examples.map((e) => [e.line, e.tags]),
      [
        [2, ["vip"]],
        [3, []],
      ],
    );
    assert.deepEqual(kept.warnings, []);
    // JSONL: an empty array is "no tags"; a row without the field says nothing and is still skipped.
    const jsonl = file("only-tags.jsonl", '{"subject":"A","tags":[]}\n{"subject":"B"}\n');
    const read = await readExamples(jsonl, { text: ["subject"], labels: [], tags: "tags", keepUntagged: true });
    assert.deepEqual(
      read.examples.map((e) => [e.line, e.tags]),
      [[1, []]],
    );
    assert.deepEqual(read.skipped, { empty_text: 0, no_label: 1 });
  });

  it("reports an unclosed quote with its line", async () => {
    const path = file("unclosed.csv", 'subject,queue\nA,Q\nB,"Q\nC,Q\n');
    await rejectsData(readExamples(path, { text: ["subject"], labels: ["queue"] }), /unclosed\.csv:\d+: .*[Qq]uote/);
  });

  it("reports a row with the wrong number of columns with its line", async () => {
    const path = file("columns.csv", "subject,queue\nA,Q\nB,Q\nC,Q,extra\n");
    await rejectsData(readExamples(path, { text: ["subject"], labels: ["queue"] }), /columns\.csv:4: /);
  });

  it("names a missing column and lists the ones there are", async () => {
    const path = file("missing.csv", "subject,body\nA,B\n");
    await rejectsData(
      readExamples(path, { text: ["subject"], labels: ["queue"] }),
      /missing\.csv: no column 'queue' \(columns: subject, body\)/,
    );
  });

  it("counts rows with empty text or label instead of dropping them silently", async () => {
    const path = file("gaps.csv", "subject,queue,priority\nA,Q,low\n,Q,low\nB,,high\nC,,\nD,Q,\n");
    const data = await readExamples(path, { text: ["subject"], labels: ["queue", "priority"] });
    assert.deepEqual(
      data.examples.map((e) => [e.line, e.labels]),
      [
        [2, { queue: "Q", priority: "low" }],
        [4, { priority: "high" }],
        [6, { queue: "Q" }],
      ],
    );
    assert.deepEqual(data.skipped, { empty_text: 1, no_label: 1 });
    assert.deepEqual(data.missingLabel, { queue: 2, priority: 2 });
    assert.ok(data.warnings.some((w) => /skipped 1 row with empty text \(line 3\)/.test(w)));
    assert.ok(data.warnings.some((w) => /skipped 1 row with no label \(line 5\)/.test(w)));
    assert.ok(data.warnings.some((w) => /2 rows with empty 'queue' do not train the head 'queue'/.test(w)));
  });

  it("fails when every row has empty text, or a label column is empty throughout", async () => {
    await rejectsData(
      readExamples(file("notext.csv", "subject,queue\n,Q\n,R\n"), { text: ["subject"], labels: ["queue"] }),
      /every row has empty text/,
    );
    await rejectsData(
      readExamples(file("nolabel.csv", "subject,queue,p\nA,,x\nB,,y\n"), { text: ["subject"], labels: ["queue", "p"] }),
      /column 'queue' is empty in every row/,
    );
  });
});

describe("readExamples from JSONL", () => {
  it("reads dotted paths, entity names, tag arrays, and ignores blank lines", async () => {
    const lines = [
      {
        subject: "Invoice",
        body: "wrong",
        queue: { name: "Billing" },
        priority: { id: 1, name: "high" },
        tags: ["a", "b", "a"],
      },
      {},
      { subject: "VPN", queue: { name: "IT" }, priority: { name: "low" }, tags: [] },
    ];
    const path = file(
      "tickets.jsonl",
      `${lines.map((l) => (Object.keys(l).length ? JSON.stringify(l) : "  ")).join("\n")}\n\n`,
    );
    const data = await readExamples(path, {
      text: ["subject", "body"],
      labels: ["queue=queue.name", "priority"],
      tags: "tags",
    });
    assert.deepEqual(
      data.examples.map((e) => [e.line, e.text, e.labels, e.tags]),
      [
        [1, "Invoice wrong", { queue: "Billing", priority: "high" }, ["a", "b"]],
        [3, "VPN", { queue: "IT", priority: "low" }, []],
      ],
    );
    assert.equal(data.rows, 2);
  });

  it("reports a bad JSON line with its number", async () => {
    const rows = Array.from({ length: 16 }, (_, i) => JSON.stringify({ subject: `s${i}`, queue: "Q" }));
    const path = file("data.jsonl", `${rows.join("\n")}\n{"subject": "broken",\n`);
    await rejectsData(readExamples(path, { text: ["subject"], labels: ["queue"] }), /data\.jsonl:17: not valid JSON: /);
  });

  it("rejects a line that is not an object", async () => {
    const path = file("array.jsonl", '{"subject":"a","queue":"Q"}\n[1,2]\n');
    await rejectsData(
      readExamples(path, { text: ["subject"], labels: ["queue"] }),
      /array\.jsonl:2: expected one JSON object/,
    );
  });

  it("hints at JSON lines when given a pretty-printed JSON array", async () => {
    const path = file("export.json", '[\n  {"subject": "a", "queue": "Q"}\n]\n');
    await rejectsData(
      readExamples(path, { text: ["subject"], labels: ["queue"] }),
      /export\.json:1: not valid JSON: .*expected JSON lines: one object per line, not an array/,
    );
  });

  it("names a path no row has, listing the dotted columns seen", async () => {
    const path = file("nested.jsonl", `${JSON.stringify({ subject: "a", queue: { name: "Q" } })}\n`);
    await rejectsData(
      readExamples(path, { text: ["subject"], labels: ["queue.title"] }),
      /nested\.jsonl: no column 'queue\.title' \(columns: subject, queue\.name\)/,
    );
  });

  it("says which field to use when a label column holds an object without a name", async () => {
    const path = file("object.jsonl", `${JSON.stringify({ subject: "a", queue: { id: 3 } })}\n`);
    await rejectsData(
      readExamples(path, { text: ["subject"], labels: ["queue"] }),
      /object\.jsonl:1: .*e\.g\. 'queue\.id'/,
    );
  });
});

describe("column specs and formats", () => {
  it("parses label and text columns", () => {
    assert.deepEqual(parseLabelColumn("queue=queue.name"), { head: "queue", path: "queue.name" });
    assert.deepEqual(parseLabelColumn("priority.name"), { head: "name", path: "priority.name" });
    assert.deepEqual(parseTextColumns(["subject, body", "notes"]), ["subject", "body", "notes"]);
    assert.throws(
      () => parseLabelColumn("=x"),
      (e: unknown) => isOtaiError(e, "OTAI_USAGE"),
    );
  });

  it("picks the format by extension, with an override", () => {
    assert.equal(dataFormatOf("a.CSV"), "csv");
    assert.equal(dataFormatOf("a.ndjson"), "jsonl");
    assert.equal(dataFormatOf("a.json"), "jsonl");
    assert.equal(dataFormatOf("a.txt", "csv"), "csv");
    assert.throws(
      () => dataFormatOf("a.txt"),
      (e: unknown) => isOtaiError(e, "OTAI_DATA_INVALID"),
    );
  });

  it("reports a missing file as data error", async () => {
    await rejectsData(readExamples(join(dir, "nope.csv"), { text: ["a"], labels: ["b"] }), /nope\.csv: cannot read/);
  });
});
