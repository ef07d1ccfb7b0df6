import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { pickOtaiLocal, runModelCommand } from "./__fixtures__/harness.ts";
import { syntheticTickets, writeCsv, writeJsonl } from "./__fixtures__/synthetic-tickets.ts";
import { classifyCommand } from "./classify.ts";
import { evalCommand } from "./eval.ts";
import { trainCommand } from "./train.ts";

const { local, complete } = await pickOtaiLocal();
const dir = mkdtempSync(join(tmpdir(), "otai-classify-"));

describe("train → eval → classify round trip", () => {
  const model = join(dir, "model");

  it("trains on a CSV, evaluates on unseen JSONL, and classifies EN and DE texts", async () => {
    const trained = await runModelCommand(
      trainCommand,
      [
        "--data",
        writeCsv(dir, "train.csv", syntheticTickets(0)),
        "--text",
        "subject,body",
        "--label",
        "queue",
        "--label",
        "priority",
        "--tags",
        "tag_",
        "--out",
        model,
        "--seed",
        "1",
      ],
      { local },
    );
    assert.equal(trained.code, 0, trained.stderr);

    const evaluated = await runModelCommand(
      evalCommand,
      [
        "--model",
        model,
        "--data",
        writeJsonl(dir, "test.jsonl", syntheticTickets(1)),
        "--text",
        "subject,body",
        "--label",
        "queue=queue.name",
        "--json",
      ],
      { local },
    );
    assert.equal(evaluated.code, 0, evaluated.stderr);
    assert.ok((JSON.parse(evaluated.stdout) as { accuracy: number }).accuracy >= 0.8);

    const classified = await runModelCommand(
      classifyCommand,
      [
        "--model",
        model,
        "--json",
        "--top",
        "2",
        "Refund my invoice please, charged twice",
        "Mein Drucker druckt nicht, das VPN geht nicht",
      ],
      { local },
    );
    assert.equal(classified.code, 0, classified.stderr);
    assert.equal(classified.io.stdout.length, 2);
    const [billing, it_] = classified.io.stdout.map(
      (line) =>
        JSON.parse(line) as {
          text: string;
          heads: Record<string, { label: string; confidence: number; scores: { label: string; confidence: number }[] }>;
          tags: { label: string; confidence: number }[];
          language: string | null;
        },
    );
    assert.equal(billing?.text, "Refund my invoice please, charged twice");
    assert.equal(billing?.heads.queue?.label, "Billing");
    assert.equal(it_?.heads.queue?.label, "IT");
    assert.deepEqual(Object.keys(billing?.heads ?? {}).sort(), ["priority", "queue"]);
    assert.ok((billing?.heads.queue?.scores.length ?? 0) <= 2);
    assert.ok(Array.isArray(billing?.tags));
    assert.equal(it_?.language, "de");
  });

  it("prints every head, tags and language as text, reading texts from stdin lines", async () => {
    const run = await runModelCommand(classifyCommand, ["--model", model], {
      local,
      stdin: Readable.from(["Quote for ten licences\n", "\n", "Passwort zurücksetzen für meinen Laptop bitte\n"]),
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^"Quote for ten licences"\n {2}queue +Sales +\d\.\d\d/m);
    assert.match(run.stdout, /^ {2}priority +(high|low) +\d\.\d\d/m);
    assert.match(run.stdout, /^"Passwort zurücksetzen für meinen Laptop bitte"\n {2}queue +IT /m);
    assert.equal((run.stdout.match(/^ {2}tags /gm) ?? []).length, 2);
    assert.equal((run.stdout.match(/^ {2}language +\S+$/gm) ?? []).length, 2);
    assert.match(run.stdout, /^"Passwort zurücksetzen für meinen Laptop bitte"\n(.*\n){3} {2}language +de$/m);
  });

  it("needs --model and a whole --top", async () => {
    assert.equal((await runModelCommand(classifyCommand, ["hello"], { local })).code, 2);
    assert.equal((await runModelCommand(classifyCommand, ["--model", model, "--top", "0", "x"], { local })).code, 2);
  });

  it("runs as the otai binary: texts piped to stdin, JSON lines on stdout and nothing else", {
    skip: complete ? false : "needs the otai-local package with its data and eval exports",
  }, async () => {
    const bin = new URL("../../bin/otai.js", import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, "classify", "--model", model, "--json"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.stdin.end("Rechnung doppelt abgebucht\nVPN is down again\n");
    assert.equal(await exited, 0, stderr);
    const lines = stdout.trim().split("\n");
    assert.equal(lines.length, 2);
    const queues = lines.map((line) => (JSON.parse(line) as { heads: { queue: { label: string } } }).heads.queue.label);
    assert.deepEqual(queues, ["Billing", "IT"]);
  });
});
