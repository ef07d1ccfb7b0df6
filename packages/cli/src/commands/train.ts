/**
 * `otai train`: trains the embedded local model from a CSV/JSONL file or from a help desk's own
 * solved and closed tickets, and saves it to one file.
 */
import { stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { assertOutputWritable, createApp, OtaiError, type TicketSystem } from "@otai/core";
import type { LocalModel, TrainingExample } from "otai-local";
import type { Io } from "../output.ts";
import { describeModel } from "./_model-summary.ts";
import { createProgress, stderrSink } from "./_progress.ts";
import { CONFIG_OPTION, type CommandDeps, engineOptions, parseLogLevel, UsageError } from "./_shared.ts";

export const trainHelp = `Usage: otai train --data FILE --text COLS --label COL [--label COL …] [--tags PREFIX] --out MODEL
       otai train --from SERVICE_ID [--config PATH] [--limit N] --out MODEL

Trains the local model (otai-local) and saves it to MODEL. From a file, each --label column trains
one head; from a help desk (--from), its solved and closed tickets train the heads queue, priority
and type (where set) and their tags (without OTAI's own otai-* tags).

Options:
      --data FILE          CSV (with a header) or JSONL file of labelled tickets
      --format csv|jsonl   override the format the extension implies
      --text COLS          comma-separated text columns, joined with a space (e.g. subject,body)
      --label COL          a label column, repeatable; dotted paths read nested JSON (queue.name);
                           HEAD=COL names the head (queue=queue.name), else it is COL's last segment
      --tags PREFIX        CSV: every column starting with PREFIX (tag_1, tag_2, …); JSONL: the array
      --from SERVICE_ID    train from this ticket-system service of the config instead of a file
  -c, --config PATH        config file for --from (default: $OTAI_CONFIG, else ./config.yml)
      --limit N            --from: read at most N tickets
      --out MODEL          where to save the model (required)
      --seed N             random seed (same data and seed give the same model)
      --min-tag-count N    learn only tags seen at least N times
      --log-level LEVEL    log level for --from (default WARNING; logs go to stderr)
  -h, --help               show this help

Exit codes: 0 trained, 1 bad data or model, 2 bad command line, 3 invalid config.`;

/** The otai-local package (tests may pass one assembled from its modules). */
export type OtaiLocal = typeof import("otai-local");

/** What the model commands get: the usual deps and, in tests, an otai-local to use instead of the package. */
export interface ModelCommandDeps extends CommandDeps {
  local?: OtaiLocal;
}

/**
 * The local-model package, loaded on first use so the other commands start without it.
 *
 * @example
 * const { loadModel } = await otaiLocal(deps);
 */
export async function otaiLocal(deps: ModelCommandDeps): Promise<OtaiLocal> {
  return deps.local ?? (await import("otai-local"));
}

const OPTIONS = {
  ...CONFIG_OPTION,
  data: { type: "string" },
  format: { type: "string" },
  text: { type: "string", multiple: true },
  label: { type: "string", multiple: true },
  tags: { type: "string" },
  from: { type: "string" },
  limit: { type: "string" },
  out: { type: "string" },
  seed: { type: "string" },
  "min-tag-count": { type: "string" },
  "log-level": { type: "string" },
} as const;

/** A whole number ≥ `min` from an option, or a usage error naming it. */
export function parseCount(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < min) {
    throw new UsageError(`--${name} must be a whole number${min > 0 ? ` of at least ${min}` : ""}, not '${value}'`);
  }
  return number;
}

interface Source {
  examples: TrainingExample[];
  heads: string[];
  tags: boolean;
  description: string;
}

export async function trainCommand(argv: string[], deps: ModelCommandDeps): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (values.out === undefined) throw new UsageError("--out MODEL is required");
  if ((values.data === undefined) === (values.from === undefined)) {
    throw new UsageError("give either --data FILE or --from SERVICE_ID");
  }
  const seed = parseCount("seed", values.seed);
  const minTagCount = parseCount("min-tag-count", values["min-tag-count"], 1);
  // Reading a help desk's history and training take a while: a bad --out should fail before them, not after.
  await assertOutputWritable(values.out, "the model");
  const local = await otaiLocal(deps);
  const source =
    values.data !== undefined
      ? await fromFile(local, values.data, values, deps.io)
      : await fromHelpDesk(local, values, deps);

  const progress = createProgress(stderrSink(deps.io));
  const started = performance.now();
  let model: LocalModel;
  try {
    model = await local.trainModel(source.examples, {
      heads: source.heads,
      tags: source.tags,
      ...(seed === undefined ? {} : { seed }),
      ...(minTagCount === undefined ? {} : { minTagCount }),
      onProgress: progress.update,
    });
  } finally {
    progress.finish();
  }
  const seconds = (performance.now() - started) / 1000;
  await local.saveModel(model, values.out);
  const size = (await stat(values.out)).size;
  printSummary(deps.io, model, { source: source.description, out: values.out, seconds, size });
  return 0;
}

async function fromFile(
  local: OtaiLocal,
  file: string,
  values: { text?: string[]; label?: string[]; tags?: string; format?: string; limit?: string },
  io: Io,
): Promise<Source> {
  if (!values.text?.length) throw new UsageError("--text COLS is required with --data");
  if (!values.label?.length) throw new UsageError("at least one --label COL is required with --data");
  if (values.limit !== undefined) throw new UsageError("--limit applies to --from only");
  const data = await local.readExamples(file, {
    text: local.parseTextColumns(values.text),
    labels: values.label,
    tags: values.tags,
    format: values.format,
  });
  for (const warning of data.warnings) io.err(`warning: ${warning}`);
  return {
    examples: data.examples,
    heads: data.heads,
    tags: values.tags !== undefined,
    description: `${file} (${data.examples.length} of ${data.rows} rows)`,
  };
}

async function fromHelpDesk(
  local: OtaiLocal,
  values: {
    from?: string;
    config?: string;
    limit?: string;
    text?: string[];
    label?: string[];
    tags?: string;
    "log-level"?: string;
  },
  deps: CommandDeps,
): Promise<Source> {
  if (values.text || values.label || values.tags) {
    throw new UsageError(
      "--text, --label and --tags apply to --data; --from reads subject, body, queue, priority, type and tags",
    );
  }
  const service = values.from ?? "";
  const limit = parseCount("limit", values.limit, 1);
  const app = await createApp({
    config: values.config,
    ...engineOptions(deps),
    // stdout is for the summary; logs (and any help-desk warnings) go to stderr.
    logDestination: process.stderr,
    logLevel: parseLogLevel(values["log-level"]) ?? "WARNING",
  });
  try {
    const system = (await app.services.get(service, "ticket-system", "otai train --from")) as TicketSystem;
    const progress = createProgress(stderrSink(deps.io));
    const history = await local.readTicketHistory(system, {
      limit,
      onPage: (read) =>
        progress.update({ stage: `reading tickets from '${service}'`, done: read, total: limit ?? read }),
    });
    progress.finish();
    const { empty_text, no_label } = history.skipped;
    if (empty_text + no_label > 0) {
      deps.io.err(
        `warning: skipped ${empty_text} ticket(s) without subject or body and ${no_label} without queue, priority, type or tags`,
      );
    }
    for (const { head, label } of history.constantHeads) {
      deps.io.err(
        `warning: left out the ${head} head: every ticket read has the ${head} '${label}', so there is nothing to learn`,
      );
    }
    const hasTags = history.examples.some((example) => (example.tags?.length ?? 0) > 0);
    if (history.examples.length > 0 && history.heads.length === 0 && !hasTags) {
      throw new OtaiError(
        "OTAI_DATA_INVALID",
        `service '${service}': nothing to learn from ${history.examples.length} ticket(s): no queue, priority or type has two different values, and none has tags`,
      );
    }
    if (history.examples.length === 0) {
      throw new OtaiError(
        "OTAI_DATA_INVALID",
        `service '${service}' has no solved or closed tickets with text and a queue, priority, type or tag (read ${history.tickets})`,
      );
    }
    return {
      examples: history.examples,
      heads: history.heads,
      tags: hasTags,
      description: `service '${service}' (${history.examples.length} of ${history.tickets} solved/closed tickets)`,
    };
  } finally {
    await app.close();
  }
}

function printSummary(
  io: Io,
  model: LocalModel,
  run: { source: string; out: string; seconds: number; size: number },
): void {
  const { meta } = model;
  const lines = [
    `trained ${meta.id} on ${meta.training.examples} examples from ${run.source} in ${run.seconds.toFixed(1)} s`,
    `saved ${run.out} (${formatBytes(run.size)})`,
    ...describeModel(meta),
  ];
  io.out(lines.join("\n"));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
