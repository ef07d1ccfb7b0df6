import assert from "node:assert/strict";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pipelineConfig } from "@otai/testkit";
import { captureIo, pickOtaiLocal, runModelCommand } from "./__fixtures__/harness.ts";
import { syntheticTickets, writeCsv, writeJsonl } from "./__fixtures__/synthetic-tickets.ts";
import { trainCommand } from "./train.ts";

const { local, complete } = await pickOtaiLocal();
const dir = mkdtempSync(join(tmpdir(), "otai-train-"));
const train = (argv: string[], extra: { cwd?: string } = {}) =>
  runModelCommand(trainCommand, argv, { local, ...extra });

describe("otai train --data", () => {
  it("trains heads from CSV label columns with tags, saves the model and prints a summary", async () => {
    const data = writeCsv(dir, "train.csv", syntheticTickets(0));
    const out = join(dir, "csv.model");
    const run = await train([
      "--data",
      data,
      "--text",
      "subject,body",
      "--label",
      "queue",
      "--label",
      "priority",
      "--tags",
      "tag_",
      "--out",
      out,
      "--seed",
      "7",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(out));
    const model = await local.loadModel(out);
    assert.deepEqual(
      model.meta.heads.map((head) => [head.name, [...head.labels].sort()]),
      [
        ["queue", ["Billing", "IT", "Sales"]],
        ["priority", ["high", "low"]],
      ],
    );
    assert.equal(model.meta.training.examples, 48);
    assert.ok(model.meta.tags.includes("vip"));
    assert.match(
      run.stdout,
      new RegExp(`trained ${model.meta.id} on 48 examples from .*train\\.csv \\(48 of 48 rows\\) in \\d+\\.\\d s`),
    );
    assert.match(run.stdout, /saved .*csv\.model \(\d+(\.\d)? (B|KiB|MiB)\)/);
    assert.match(run.stdout, /queue: 3 labels: Billing 16, IT 16, Sales 16/);
    assert.match(run.stdout, /priority: 2 labels: high 24, low 24/);
  });

  it("reads nested JSONL labels under a chosen head name and warns about skipped rows", async () => {
    const tickets = syntheticTickets(0);
    const data = writeJsonl(dir, "train.jsonl", tickets);
    writeFileSync(data, `${JSON.stringify({ subject: "", body: "", queue: { name: "IT" } })}\n`, { flag: "a" });
    const out = join(dir, "jsonl.model");
    const run = await train(["--data", data, "--text", "subject,body", "--label", "team=queue.name", "--out", out]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      (await local.loadModel(out)).meta.heads.map((head) => head.name),
      ["team"],
    );
    assert.match(
      run.stderr,
      new RegExp(`warning: .*train\\.jsonl: skipped 1 row with empty text \\(line ${tickets.length + 1}\\)`),
    );
  });

  it("checks --out before it reads or trains anything", async () => {
    // The data file does not exist either: the output error coming first shows the order.
    const out = join(dir, "no-such-folder", "m.otai");
    const run = await train(["--data", join(dir, "absent.csv"), "--text", "subject", "--label", "queue", "--out", out]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /OTAI_OUTPUT_WRITE.*cannot write the model to .*m\.otai: the folder .*no-such-folder does not exist/,
    );
    assert.doesNotMatch(run.stderr, /absent\.csv/);
    const folder = await train([
      "--data",
      join(dir, "absent.csv"),
      "--text",
      "subject",
      "--label",
      "queue",
      "--out",
      dir,
    ]);
    assert.match(folder.stderr, /cannot write the model to .*: it is a folder/);
  });

  it("fails with the data error's exit code, naming the file and the missing column", async () => {
    const data = writeCsv(dir, "short.csv", syntheticTickets(0).slice(0, 3));
    const run = await train(["--data", data, "--text", "subject", "--label", "team", "--out", join(dir, "x.model")]);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /OTAI_DATA_INVALID.*short\.csv: no column 'team' \(columns: subject, body, queue, priority, tag_1, tag_2\)/,
    );
  });

  it("rejects bad command lines with exit code 2", async () => {
    const data = join(dir, "train.csv");
    for (const argv of [
      ["--data", data, "--text", "subject", "--label", "queue"],
      ["--data", data, "--from", "desk", "--out", "m"],
      ["--text", "subject", "--label", "queue", "--out", "m"],
      ["--data", data, "--label", "queue", "--out", "m"],
      ["--data", data, "--text", "subject", "--label", "queue", "--out", "m", "--seed", "x"],
      ["--data", data, "--text", "subject", "--label", "queue", "--out", "m", "--bogus"],
    ]) {
      const run = await train(argv);
      assert.equal(run.code, 2, `${argv.join(" ")}: ${run.stderr}`);
    }
  });

  it("is registered in the otai command and its help", {
    skip: complete ? false : "main.ts needs the otai-local package with its data and eval exports",
  }, async () => {
    const { main } = await import("../main.ts");
    const io = captureIo();
    assert.equal(await main(["--help"], io), 0);
    assert.match(io.stdout.join(""), /train {6}train the local model/);
    const help = captureIo();
    assert.equal(await main(["train", "--help"], help), 0);
    assert.match(help.stdout.join(""), /otai train --from SERVICE_ID/);
  });
});

describe("otai train --from a help desk", () => {
  // 130 finished tickets (more than one page of 100) and a few open ones that must not be learnt from.
  const desk = mkdtempSync(join(tmpdir(), "otai-train-from-"));
  const source = syntheticTickets(0);
  const tickets = Array.from({ length: 140 }, (_, i) => {
    const t = source[i % source.length] ?? source[0];
    return {
      id: String(i + 1),
      subject: t?.subject,
      body: t?.body,
      queue: { name: t?.queue },
      priority: { name: t?.priority },
      ...(i % 3 === 0 ? { type: "question" } : { type: "incident" }),
      status: i >= 130 ? "open" : i % 2 === 0 ? "solved" : "closed",
      tags: [...(t?.tags ?? []), "otai-routed"],
    };
  });
  writeDesk(desk, tickets);

  it("learns queue, priority and type from every solved and closed ticket, without otai- tags", async () => {
    const out = join(desk, "desk.model");
    const run = await train(["--from", "desk", "--config", join(desk, "config.yml"), "--out", out], { cwd: desk });
    assert.equal(run.code, 0, run.stderr);
    const model = await local.loadModel(out);
    assert.equal(model.meta.training.examples, 130);
    assert.deepEqual(
      model.meta.heads.map((head) => head.name),
      ["queue", "priority", "type"],
    );
    assert.deepEqual([...(model.meta.heads[2]?.labels ?? [])].sort(), ["incident", "question"]);
    assert.ok(model.meta.tags.length > 0);
    assert.ok(!model.meta.tags.some((tag) => tag.startsWith("otai-")), `tags: ${model.meta.tags.join(", ")}`);
    assert.match(run.stdout, /from service 'desk' \(130 of 130 solved\/closed tickets\)/);
  });

  it("stops at --limit", async () => {
    const out = join(desk, "limited.model");
    const run = await train(["--from", "desk", "--config", join(desk, "config.yml"), "--limit", "50", "--out", out], {
      cwd: desk,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((await local.loadModel(out)).meta.training.examples, 50);
  });

  it("leaves out a head whose value never changes, with a warning, and refuses data with nothing to learn", async () => {
    const constantType = mkdtempSync(join(tmpdir(), "otai-train-constant-"));
    writeDesk(
      constantType,
      tickets.map((t) => ({ ...t, type: "incident" })),
    );
    const out = join(constantType, "m.otai");
    const run = await train(["--from", "desk", "--config", join(constantType, "config.yml"), "--out", out], {
      cwd: constantType,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /warning: left out the type head: every ticket read has the type 'incident'/);
    assert.deepEqual(
      (await local.loadModel(out)).meta.heads.map((head) => head.name),
      ["queue", "priority"],
    );

    const nothing = mkdtempSync(join(tmpdir(), "otai-train-nothing-"));
    writeDesk(
      nothing,
      tickets.map((t) => ({ ...t, queue: { name: "IT" }, priority: { name: "low" }, type: "incident", tags: [] })),
    );
    const refused = await train(
      ["--from", "desk", "--config", join(nothing, "config.yml"), "--out", join(nothing, "m")],
      {
        cwd: nothing,
      },
    );
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /OTAI_DATA_INVALID.*nothing to learn from 130 ticket\(s\)/);
  });

  it("names an unknown service", async () => {
    const run = await train(["--from", "nope", "--config", join(desk, "config.yml"), "--out", join(desk, "n.model")], {
      cwd: desk,
    });
    assert.equal(run.code, 3);
    assert.match(run.stderr, /OTAI_SERVICE_UNKNOWN.*'nope'/);
  });
});

/** A JSONL help desk in `dir` (tickets.jsonl and the config.yml naming it service 'desk'). */
function writeDesk(dir: string, tickets: readonly object[]): void {
  writeFileSync(join(dir, "tickets.jsonl"), `${tickets.map((t) => JSON.stringify(t)).join("\n")}\n`);
  const services = "desk: { use: base:JsonlTicketSystemService, params: { path: tickets.jsonl } }";
  writeFileSync(
    join(dir, "config.yml"),
    pipelineConfig("- id: fetch\n  use: base:FetchTicketsPipe\n  injects: { ticket_system: desk }", { services }),
  );
}
