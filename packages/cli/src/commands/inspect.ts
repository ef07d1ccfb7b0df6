/**
 * `otai inspect`: what a model file is without running it: its id, when and from what it was
 * trained, its heads and labels, tags, languages, the held-out metrics and the hyperparameters.
 */
import { stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { ModelMeta } from "otai-local";
import { describeModel } from "./_model-summary.ts";
import { UsageError } from "./_shared.ts";
import { formatBytes, type ModelCommandDeps, otaiLocal } from "./train.ts";

export const inspectHelp = `Usage: otai inspect --model MODEL [--json]

Shows what a model file holds: its id, format version, creation time and seed, the training data
(examples per label of each head, tags, languages), the held-out metrics measured while training
(out-of-fold accuracy, macro-F1, calibration error, coverage at 95% precision) and the
hyperparameters. The file is checked (magic, version, size, SHA-256) as when it is loaded.

Options:
      --model MODEL   the model file (from otai train)
      --json          print the model's metadata as one JSON object, plus the file size
  -h, --help          show this help

Exit codes: 0 shown, 1 missing or broken model file, 2 bad command line.`;

const OPTIONS = { model: { type: "string" }, json: { type: "boolean" } } as const;

/** The `--json` output of `otai inspect`: the model's metadata and its file size in bytes. */
export interface InspectJson extends ModelMeta {
  fileBytes: number;
}

export async function inspectCommand(argv: string[], deps: ModelCommandDeps): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (values.model === undefined) throw new UsageError("--model MODEL is required");
  // Loading verifies the whole file, so a model that inspects cleanly is one the service can load.
  const model = await (await otaiLocal(deps)).loadModel(values.model);
  const { size } = await stat(values.model);
  const { meta } = model;
  if (values.json) {
    const json: InspectJson = { ...meta, fileBytes: size };
    deps.io.out(JSON.stringify(json));
    return 0;
  }
  const lines = [
    `model ${meta.id} (${values.model}, ${formatBytes(size)}, format ${meta.format} v${meta.formatVersion})`,
    `created ${meta.createdAt}, seed ${meta.seed}, trained on ${meta.training.examples} examples`,
    ...describeModel(meta),
    `hyperparameters: ${Object.entries(meta.hyper)
      .map(([key, value]) => `${key} ${String(value)}`)
      .join(", ")}`,
  ];
  deps.io.out(lines.join("\n"));
  return 0;
}
