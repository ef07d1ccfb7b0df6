/**
 * `otai classify`: what a trained model says about some texts, for trying a model out and for scripts.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { Prediction } from "otai-local";
import { UsageError } from "./_shared.ts";
import { type ModelCommandDeps, otaiLocal, parseCount } from "./train.ts";

export const classifyHelp = `Usage: otai classify --model MODEL [--top K] [--json] ["text" …]

Prints each text's prediction for every head of the model (label, confidence and the top K), its
tags and its language. Without texts it reads them from stdin, one per line.

Options:
      --model MODEL   the model file (from otai train)
      --top K         how many scores to show per head (default 3)
      --json          one JSON object per text and line: { text, heads, tags, language }
  -h, --help          show this help`;

const OPTIONS = { model: { type: "string" }, top: { type: "string" }, json: { type: "boolean" } } as const;
const BATCH = 64;

/** `stdin` lets tests feed lines; the CLI reads the process's. */
export interface ClassifyDeps extends ModelCommandDeps {
  stdin?: NodeJS.ReadableStream;
}

export async function classifyCommand(argv: string[], deps: ClassifyDeps): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  if (values.model === undefined) throw new UsageError("--model MODEL is required");
  const topK = parseCount("top", values.top, 1) ?? 3;
  const model = await (await otaiLocal(deps)).loadModel(values.model);
  const print = (text: string, prediction: Prediction) =>
    deps.io.out(values.json ? JSON.stringify(toJson(text, prediction)) : formatPrediction(text, prediction));

  if (positionals.length > 0) {
    for (let start = 0; start < positionals.length; start += BATCH) {
      const texts = positionals.slice(start, start + BATCH);
      const predictions = await model.predictAsync(texts, { topK });
      texts.forEach((text, i) => {
        print(text, predictions[i] as Prediction);
      });
    }
    return 0;
  }
  const stdin = deps.stdin ?? process.stdin;
  if (deps.stdin === undefined && process.stdin.isTTY)
    deps.io.err("reading texts from stdin, one per line (Ctrl-D ends)");
  let pending: string[] = [];
  const flush = async () => {
    const predictions = await model.predictAsync(pending, { topK });
    pending.forEach((text, i) => {
      print(text, predictions[i] as Prediction);
    });
    pending = [];
  };
  for await (const line of createInterface({ input: stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.trim() === "") continue;
    pending.push(line);
    // A terminal user wants an answer per line; piped input is batched.
    if (pending.length >= BATCH || (deps.stdin === undefined && process.stdin.isTTY)) await flush();
  }
  if (pending.length > 0) await flush();
  return 0;
}

function toJson(text: string, prediction: Prediction) {
  return { text, heads: prediction.heads, tags: prediction.tags, language: prediction.language ?? null };
}

const PREVIEW = 70;

function formatPrediction(text: string, prediction: Prediction): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  const preview = oneLine.length > PREVIEW ? `${oneLine.slice(0, PREVIEW - 1)}…` : oneLine;
  const heads = Object.entries(prediction.heads);
  const width = Math.max(8, ...heads.map(([name]) => name.length));
  const labelWidth = Math.max(...heads.map(([, head]) => head.label.length), 0);
  const lines = [JSON.stringify(preview)];
  for (const [name, head] of heads) {
    const others = head.scores
      .filter((score) => score.label !== head.label)
      .map((score) => `${score.label} ${score.confidence.toFixed(2)}`);
    lines.push(
      `  ${name.padEnd(width)}  ${head.label.padEnd(labelWidth)}  ${head.confidence.toFixed(2)}${others.length > 0 ? `  (${others.join(", ")})` : ""}`,
    );
  }
  const tags = prediction.tags.map((tag) => `${tag.label} ${tag.confidence.toFixed(2)}`);
  lines.push(`  ${"tags".padEnd(width)}  ${tags.length > 0 ? tags.join(", ") : "-"}`);
  lines.push(`  ${"language".padEnd(width)}  ${prediction.language ?? "unknown"}`);
  return lines.join("\n");
}
