import assert from "node:assert/strict";
import { test } from "node:test";
import { childCommand } from "./models.ts";

const flag = (args: readonly string[], name: string) => args[args.indexOf(name) + 1];

test("childCommand passes the notes' per-task C and dual to the sklearn peers", () => {
  const logreg = childCommand("tfidf-logreg", "banking77", "/d", "/o.json");
  assert.equal(logreg.command, "/usr/bin/python3");
  assert.equal(flag(logreg.args, "--model"), "logreg");
  assert.equal(flag(logreg.args, "--c"), "30");
  assert.equal(flag(logreg.args, "--dual"), "false");
  const tobi = childCommand("tfidf-logreg", "tobi-queue", "/d", "/o.json");
  assert.equal(flag(tobi.args, "--c"), "300");
  assert.equal(flag(tobi.args, "--dual"), "true");
  const svc = childCommand("tfidf-linearsvc", "clinc150", "/d", "/o.json");
  assert.equal(flag(svc.args, "--model"), "svc");
  assert.equal(flag(svc.args, "--c"), "3");
});

test("childCommand runs our model and fastText as Node children of this Node", () => {
  for (const model of ["otai-local", "fasttext"] as const) {
    const { command, args } = childCommand(model, "tobi-type", "/d", "/o.json");
    assert.equal(command, process.execPath);
    assert.match(args[0] ?? "", model === "fasttext" ? /run-fasttext\.ts$/ : /run-local\.ts$/);
    assert.equal(flag(args, "--task"), "tobi-type");
  }
});
