/**
 * A STAND-IN for the otai-local package's model API (trainModel, saveModel, loadModel), used only
 * while the real model is not there yet: a tiny naive-Bayes per head and nearest-neighbour tags. The
 * data readers and metrics are the real ones. Tests that use it say "stand-in" in their names.
 */
import { readFile, writeFile } from "node:fs/promises";
import { OtaiError } from "@otai/core";
import * as data from "../../../../classifier-local/src/data/index.ts";
import * as evaluation from "../../../../classifier-local/src/eval/index.ts";
import type { OtaiLocal } from "../train.ts";

interface Example {
  text: string;
  labels: Record<string, string>;
  tags?: readonly string[];
}
interface State {
  meta: Record<string, unknown> & { heads: { name: string; labels: string[] }[]; tags: string[]; id: string };
  counts: Record<string, Record<string, Record<string, number>>>;
  priors: Record<string, Record<string, number>>;
  examples: { tokens: string[]; tags: string[] }[];
}

const tokens = (text: string) => text.toLowerCase().match(/\p{L}+/gu) ?? [];
const GERMAN = new Set(["der", "die", "das", "und", "ist", "nicht", "ich", "meine", "bitte", "mein"]);

function modelOf(state: State) {
  const predictOne = (text: string, topK = 3) => {
    const words = tokens(text);
    const heads: Record<
      string,
      { label: string; confidence: number; scores: { label: string; confidence: number }[] }
    > = {};
    for (const head of state.meta.heads) {
      const logs = head.labels.map((label) => {
        const counts = state.counts[head.name]?.[label] ?? {};
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        let log = Math.log(state.priors[head.name]?.[label] ?? 1);
        for (const word of words) log += Math.log(((counts[word] ?? 0) + 0.5) / (total + 1000));
        return { label, log };
      });
      const max = Math.max(...logs.map((l) => l.log));
      const sum = logs.reduce((a, l) => a + Math.exp(l.log - max), 0);
      const scores = logs
        .map((l) => ({ label: l.label, confidence: Math.exp(l.log - max) / sum }))
        .sort((a, b) => b.confidence - a.confidence);
      const best = scores[0] ?? { label: "", confidence: 0 };
      heads[head.name] = { label: best.label, confidence: best.confidence, scores: scores.slice(0, topK) };
    }
    let nearest: { overlap: number; tags: string[] } = { overlap: 0, tags: [] };
    for (const example of state.examples) {
      const overlap = words.filter((w) => example.tokens.includes(w)).length / Math.max(1, words.length);
      if (overlap > nearest.overlap) nearest = { overlap, tags: example.tags };
    }
    const german = words.filter((w) => GERMAN.has(w)).length;
    return {
      heads,
      tags: nearest.tags.map((label) => ({ label, confidence: nearest.overlap })),
      language: words.length === 0 ? undefined : german > 0 ? "de" : "en",
    };
  };
  return {
    meta: state.meta,
    state,
    predict: (texts: readonly string[], o?: { topK?: number }) => texts.map((t) => predictOne(t, o?.topK)),
    predictAsync: async (texts: readonly string[], o?: { topK?: number }) => texts.map((t) => predictOne(t, o?.topK)),
  };
}

async function trainModel(
  examples: readonly Example[],
  options: {
    seed?: number;
    heads?: readonly string[];
    onProgress?: (p: { stage: string; done: number; total: number }) => void;
  } = {},
) {
  const names = options.heads ?? [...new Set(examples.flatMap((e) => Object.keys(e.labels)))];
  const counts: State["counts"] = {};
  const priors: State["priors"] = {};
  const perHead: Record<string, Record<string, number>> = {};
  examples.forEach((example, i) => {
    for (const head of names) {
      const label = example.labels[head];
      if (label === undefined) continue;
      const byLabel = counts[head] ?? {};
      counts[head] = byLabel;
      const table = byLabel[label] ?? {};
      byLabel[label] = table;
      for (const word of tokens(example.text)) table[word] = (table[word] ?? 0) + 1;
      const prior = priors[head] ?? {};
      priors[head] = prior;
      prior[label] = (prior[label] ?? 0) + 1;
      perHead[head] = { ...perHead[head], [label]: (perHead[head]?.[label] ?? 0) + 1 };
    }
    options.onProgress?.({ stage: "stand-in training", done: i + 1, total: examples.length });
  });
  const state: State = {
    meta: {
      format: "otai-local-model",
      formatVersion: 1,
      id: `stand-in-${options.seed ?? 0}-${examples.length}`,
      createdAt: new Date(0).toISOString(),
      seed: options.seed ?? 0,
      heads: names.map((name) => ({ name, labels: Object.keys(perHead[name] ?? {}).sort() })),
      tags: [...new Set(examples.flatMap((e) => e.tags ?? []))].sort(),
      training: { examples: examples.length, perHead, languages: {} },
      metrics: {},
    },
    counts,
    priors,
    examples: examples.map((e) => ({ tokens: tokens(e.text), tags: [...(e.tags ?? [])] })),
  };
  return modelOf(state);
}

async function saveModel(model: { state?: State }, path: string) {
  await writeFile(path, JSON.stringify(model.state));
}

async function loadModel(path: string) {
  let state: State;
  try {
    state = JSON.parse(await readFile(path, "utf8")) as State;
  } catch (error) {
    throw new OtaiError("OTAI_MODEL_INVALID", `${path}: cannot read the model`, { cause: error });
  }
  if (state?.meta?.format !== "otai-local-model") throw new OtaiError("OTAI_MODEL_INVALID", `${path}: not a model`);
  return modelOf(state);
}

/** The stand-in otai-local: real data and eval modules, stand-in model functions. */
export const standInOtaiLocal = { ...data, ...evaluation, trainModel, saveModel, loadModel } as unknown as OtaiLocal;
