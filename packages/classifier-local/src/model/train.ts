/**
 * @module model/train
 * Training: TF-IDF features over hashed n-grams (fitted once), then per head a linear model
 * (one-vs-rest squared-hinge SVMs by dual coordinate descent, NBSVM-scaled on long texts, for
 * single-label heads; logistic sigmoids by SGD for tags), calibrated by a
 * temperature fitted on out-of-fold scores; the final weights are trained on all examples and int8-quantised.
 */
import { createHash } from "node:crypto";
import { OtaiError } from "@otai/core";
import { fitFeatures, type SparseRows } from "../features/featurizer.ts";
import { detectLanguage } from "../language/detect-language.ts";
import {
  coverageAtPrecision,
  expectedCalibrationError,
  fitSigmoidTemperature,
  fitSoftmaxTemperature,
  sigmoid,
  softmaxInto,
} from "./calibration.ts";
import { fitClassOffsets } from "./class-offsets.ts";
import { crossFit, type Trainer } from "./cross-fit.ts";
import { DEFAULT_HYPERPARAMETERS } from "./defaults.ts";
import { trainDualSvm } from "./dual-svm.ts";
import { featureConfig } from "./feature-config.ts";
import { type LinearTrainConfig, type LinearWeights, linearScores, type Targets, trainLinear } from "./linear.ts";
import type { CompiledModel, HeadLayout, LanguageLayout, TagLayout } from "./local-model.ts";
import { createLocalModel } from "./local-model.ts";
import { logCountRatios } from "./log-count-ratio.ts";
import { macroF1, round } from "./metrics.ts";
import { quantise } from "./quantize.ts";
import { createRandom, shuffle } from "./random.ts";
import { FORMAT_VERSION, payloadDigest } from "./serialize.ts";
import type { Hyperparameters, ModelMeta, TrainingExample, TrainOptions } from "./types.ts";

/** A language needs this many training texts to get an output in the language head. */
const MIN_LANGUAGE_COUNT = 3;
/** ... and this share of the detector's sample (drops the detector's stray guesses). */
const MIN_LANGUAGE_SHARE = 0.05;
/** How many training texts the (slow) language detector labels. */
const LANGUAGE_SAMPLE = 400;
const LANGUAGE_EPOCHS = 5;

/**
 * C when none is given: on validation splits long tickets (hundreds of features a row) wanted a
 * looser fit than short queries (C 2 against 1; 1 to 3 were within a ticket or two on each task).
 */
export function automaticC(rows: SparseRows): number {
  return longTexts(rows) ? 2 : 1;
}

/**
 * The dual solver's stopping tolerance when none is given: 0.5 on long texts, where cross-validation of
 * the Tobi tickets found it as accurate as 0.2 (within 0.13 points on each head) and training 13% faster;
 * 0.2 on short queries, where 0.5 cost BANKING77 0.08 points.
 */
export function automaticTolerance(rows: SparseRows): number {
  return longTexts(rows) ? 0.5 : 0.2;
}

/**
 * The weight of the non-adjacent word pairs' own block when none is given, decided on the raw texts
 * (the features depend on it): 0.8 for texts averaging under 200 characters, where two 5-fold
 * cross-validations (different folds) gave BANKING77 +0.15 and +0.32 points and CLINC150 +0.13 and
 * +0.06 over pairs inside the word block; 0 (inside the word block) for long tickets, where a block of
 * their own lost 0.2 to 0.3 points on Tobi priority and queue.
 */
export function automaticPairWeight(texts: readonly string[]): number {
  let chars = 0;
  for (const text of texts) chars += text.length;
  return chars / Math.max(1, texts.length) < 200 ? 0.8 : 0;
}

/** Rows average at least 400 features: long tickets rather than short queries. */
function longTexts(rows: SparseRows): boolean {
  return rows.indices.length / Math.max(1, rows.rows) >= 400;
}

/**
 * NBSVM smoothing when none is given: on validation the log-count-ratio scaling gained 0.5–2 points of
 * accuracy and doubled the coverage on the long Tobi tickets, but lost 2 points on BANKING77's short
 * queries, so it is on (α = 1) for long texts only.
 */
export function automaticNbAlpha(rows: SparseRows): number {
  return longTexts(rows) ? 1 : 0;
}

/** The trainer of a single-label head: exact dual coordinate descent, or the older SGD. */
function headTrainer(
  rows: SparseRows,
  targets: Targets,
  outputs: number,
  hyper: Hyperparameters,
  sgd: LinearTrainConfig,
  pause: () => Promise<void> | undefined,
): Trainer {
  if ((hyper.solver ?? "dual") === "sgd") {
    return (sample, fold) => trainLinear(rows, targets, sample, outputs, { ...sgd, seed: sgd.seed + fold }, pause);
  }
  const config = {
    C: hyper.C ?? automaticC(rows),
    maxEpochs: hyper.maxEpochs ?? 50,
    tolerance: hyper.tolerance ?? automaticTolerance(rows),
  };
  // Each example's dual variables from the folds that trained on it (one of two by default) start the final fit.
  const alphaSum = new Float64Array(rows.rows * outputs);
  const alphaCount = new Uint8Array(rows.rows);
  return async (sample, fold) => {
    let initialAlpha: Float64Array | undefined;
    if (fold === 0 && sample.some((r) => (alphaCount[r] as number) > 0)) {
      const start = new Float64Array(sample.length * outputs);
      sample.forEach((r, i) => {
        const count = alphaCount[r] as number;
        for (let k = 0; k < outputs && count > 0; k++) {
          start[i * outputs + k] = (alphaSum[r * outputs + k] as number) / count;
        }
      });
      initialAlpha = start;
    }
    // NBSVM scaling from this fit's own rows only, so the held-out fold stays unseen.
    const nbAlpha = hyper.nbAlpha ?? automaticNbAlpha(rows);
    const featureScale =
      nbAlpha > 0 ? logCountRatios(rows, targets, sample, outputs, nbAlpha, hyper.nbPower ?? 1) : undefined;
    const balance = hyper.classBalance ?? 1;
    const classWeight = balance > 0 ? classWeights(targets, sample, outputs, balance) : undefined;
    const seeded = {
      ...(classWeight ? { classWeight } : {}),
      ...config,
      seed: sgd.seed + fold,
      ...(initialAlpha ? { initialAlpha } : {}),
      ...(featureScale ? { featureScale } : {}),
    };
    const result = await trainDualSvm(rows, targets, sample, outputs, seeded, pause);
    if (fold > 0) {
      sample.forEach((r, i) => {
        alphaCount[r] = (alphaCount[r] as number) + 1;
        for (let k = 0; k < outputs; k++) {
          alphaSum[r * outputs + k] = (alphaSum[r * outputs + k] as number) + (result.alpha[i * outputs + k] as number);
        }
      });
    }
    return result;
  };
}

/** (n / (K·n_c))^power per class over the fit's rows: power 1 is scikit-learn's "balanced". */
export function classWeights(targets: Targets, sample: Int32Array, outputs: number, power: number): Float64Array {
  const counts = new Float64Array(outputs);
  for (const r of sample) {
    const k = targets.ids[targets.offsets[r] as number] as number;
    counts[k] = (counts[k] as number) + 1;
  }
  return Float64Array.from(counts, (c) => (c > 0 ? (sample.length / (outputs * c)) ** power : 1));
}

interface Task {
  labels: string[];
  sample: Int32Array;
  targets: Targets;
}

/** The rows that carry a value, and their target lists. */
function singleLabelTask(values: readonly (string | undefined)[]): Task {
  const labels = [...new Set(values.filter((v): v is string => v !== undefined && v !== ""))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const offsets = new Int32Array(values.length + 1);
  const ids: number[] = [];
  const sample: number[] = [];
  values.forEach((value, r) => {
    const id = value === undefined ? undefined : index.get(value);
    if (id !== undefined) {
      ids.push(id);
      sample.push(r);
    }
    offsets[r + 1] = ids.length;
  });
  return { labels, sample: Int32Array.from(sample), targets: { offsets, ids: Int32Array.from(ids) } };
}

function tagTask(examples: readonly TrainingExample[], minCount: number): Task {
  const counts = new Map<string, number>();
  for (const e of examples) for (const tag of new Set(e.tags ?? [])) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  const labels = [...counts]
    .filter(([, c]) => c >= minCount)
    .map(([t]) => t)
    .sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const offsets = new Int32Array(examples.length + 1);
  const ids: number[] = [];
  const sample: number[] = [];
  examples.forEach((e, r) => {
    if (e.tags) {
      sample.push(r);
      for (const tag of new Set(e.tags)) {
        const id = index.get(tag);
        if (id !== undefined) ids.push(id);
      }
    }
    offsets[r + 1] = ids.length;
  });
  return { labels, sample: Int32Array.from(sample), targets: { offsets, ids: Int32Array.from(ids) } };
}

function countLabels(task: Task): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const label of task.labels) counts[label] = 0;
  for (const r of task.sample) {
    for (let t = task.targets.offsets[r] as number; t < (task.targets.offsets[r + 1] as number); t++) {
      const label = task.labels[task.targets.ids[t] as number] as string;
      counts[label] = (counts[label] ?? 0) + 1;
    }
  }
  return counts;
}

function subSeed(seed: number, salt: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(salt, 0xc2b2ae35)) >>> 0;
}

/** Each sampled row's class. */
function truthOf(task: Task): Int32Array {
  return Int32Array.from(task.sample, (r) => task.targets.ids[task.targets.offsets[r] as number] as number);
}

/** Metrics of a single-label head from its out-of-fold logits, and the fitted temperature. */
function calibrateHead(task: Task, logits: Float64Array): { temperature: number; metrics: Record<string, number> } {
  const K = task.labels.length;
  const n = task.sample.length;
  const truth = truthOf(task);
  const temperature = fitSoftmaxTemperature(logits, truth, K);
  const predicted = new Int32Array(n);
  const raw = new Float64Array(n);
  const calibrated = new Float64Array(n);
  const correct: boolean[] = [];
  const p = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const z = logits.subarray(i * K, i * K + K);
    let best = 0;
    for (let k = 1; k < K; k++) if ((z[k] as number) > (z[best] as number)) best = k;
    predicted[i] = best;
    correct.push(best === truth[i]);
    softmaxInto(z, 1, p);
    raw[i] = p[best] as number;
    softmaxInto(z, temperature, p);
    calibrated[i] = p[best] as number;
  }
  const accuracy = correct.filter(Boolean).length / Math.max(1, n);
  return {
    temperature,
    metrics: {
      examples: n,
      accuracy: round(accuracy),
      macroF1: round(macroF1(truth, predicted, K)),
      ece: round(expectedCalibrationError(calibrated, correct)),
      eceUncalibrated: round(expectedCalibrationError(raw, correct)),
      coverageAt95: round(coverageAtPrecision(calibrated, correct, 0.95)),
      temperature: round(temperature, 6),
    },
  };
}

/** The tag head's temperature, per-tag thresholds (best out-of-fold F1) and micro-F1. */
function calibrateTags(
  task: Task,
  logits: Float64Array,
): { temperature: number; thresholds: number[]; metrics: Record<string, number> } {
  const T = task.labels.length;
  const n = task.sample.length;
  const truth = new Uint8Array(n * T);
  task.sample.forEach((r, i) => {
    for (let t = task.targets.offsets[r] as number; t < (task.targets.offsets[r + 1] as number); t++) {
      truth[i * T + (task.targets.ids[t] as number)] = 1;
    }
  });
  const temperature = fitSigmoidTemperature(logits, truth);
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let t = 0; t < T; t++) {
    let best = { threshold: 0.5, f1: -1, tp: 0, fp: 0, fn: 0 };
    for (let step = 2; step <= 18; step++) {
      const threshold = step / 20;
      let a = 0;
      let b = 0;
      let c = 0;
      for (let i = 0; i < n; i++) {
        const yes = sigmoid(logits[i * T + t] as number, temperature) >= threshold;
        const actual = truth[i * T + t] === 1;
        if (yes && actual) a++;
        else if (yes) b++;
        else if (actual) c++;
      }
      const f1 = a === 0 ? 0 : (2 * a) / (2 * a + b + c);
      if (f1 > best.f1) best = { threshold, f1, tp: a, fp: b, fn: c };
    }
    thresholds.push(best.f1 > 0 ? best.threshold : 0.5);
    tp += best.tp;
    fp += best.fp;
    fn += best.fn;
  }
  const microF1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return {
    temperature,
    thresholds,
    metrics: { examples: n, microF1: round(microF1), temperature: round(temperature, 6) },
  };
}

function createdAtOf(options: TrainOptions): string {
  if (options.createdAt) return options.createdAt.toISOString();
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}

/**
 * Trains a model with every head found in the examples' labels (or `options.heads`), plus tags and a
 * language head when the data has them. Yields to the event loop while it works.
 *
 * @example
 * const model = await trainModel(
 *   [{ text: "Invoice is wrong", labels: { queue: "Billing" } }, ...],
 *   { seed: 1, onProgress: ({ stage, done, total }) => bar.update(stage, done / total) },
 * );
 */
export async function trainModel(
  examples: readonly TrainingExample[],
  options: TrainOptions = {},
): Promise<CompiledModel> {
  if (examples.length === 0) throw new OtaiError("OTAI_DATA_INVALID", "no training examples");
  const seed = options.seed ?? 1;
  const texts = examples.map((e) => e.text);
  const hyper: Hyperparameters = { ...DEFAULT_HYPERPARAMETERS, ...options.hyper };
  // Resolved before featurising and kept in the hyperparameters, so the model file records it.
  hyper.pairWeight ??= automaticPairWeight(texts);
  const progress = options.onProgress ?? (() => {});
  let last = performance.now();
  const pause = () => {
    if (performance.now() - last < 10) return undefined;
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      last = performance.now();
    });
  };

  const headNames = options.heads ?? [...new Set(examples.flatMap((e) => Object.keys(e.labels)))];

  const heads = headNames.map((name) => ({ name, task: singleLabelTask(examples.map((e) => e.labels[name])) }));
  for (const { name, task } of heads) {
    if (task.labels.length === 0) throw new OtaiError("OTAI_DATA_INVALID", `no example has a label for head '${name}'`);
    if (task.labels.length === 1) {
      // One label would be predicted for every text with confidence 1, and pass any threshold.
      throw new OtaiError(
        "OTAI_DATA_INVALID",
        `head '${name}' has one label only ('${task.labels[0]}' on ${task.sample.length} example(s)): a classifier needs at least two; leave the head out or give examples of other labels`,
      );
    }
  }
  // After the checks above, so bad labels fail before the slowest step.
  progress({ stage: "features", done: 0, total: 1 });
  const { featurizer, rows } = await fitFeatures(texts, featureConfig(hyper), pause);
  progress({ stage: "features", done: 1, total: 1 });

  const wantTags = options.tags ?? examples.some((e) => e.tags !== undefined && e.tags.length > 0);
  const tags = wantTags ? tagTask(examples, options.minTagCount ?? 5) : undefined;
  const useTags = tags !== undefined && tags.labels.length > 0;

  // Fold of each example, shuffled by the seed, shared by every head.
  const folds = Math.max(0, Math.floor(hyper.folds));
  const permutation = Int32Array.from({ length: examples.length }, (_, i) => i);
  shuffle(permutation, createRandom(subSeed(seed, 7)));
  const foldOf = new Int32Array(examples.length);
  permutation.forEach((r, i) => {
    foldOf[r] = folds > 0 ? i % folds : 0;
  });

  // The detector is slow (about 0.5 ms a ticket), so it labels a seeded sample; a language head
  // trained on that sample then names the language of every text, in training and in prediction.
  const sampled = Int32Array.from(permutation.subarray(0, Math.min(LANGUAGE_SAMPLE, permutation.length))).sort();
  const sampleLanguages: (string | undefined)[] = new Array(examples.length).fill(undefined);
  for (const [i, r] of sampled.entries()) {
    if (i % 50 === 0) progress({ stage: "languages", done: i, total: sampled.length });
    sampleLanguages[r] = detectLanguage(texts[r] as string);
    await pause();
  }
  progress({ stage: "languages", done: sampled.length, total: sampled.length });

  const headConfig = (salt: number): LinearTrainConfig => ({
    loss: "hinge",
    epochs: hyper.epochs,
    learningRate: hyper.learningRate,
    l2: hyper.l2,
    seed: subSeed(seed, salt),
  });
  const metrics: Record<string, unknown> = {};
  const trained: { weights: LinearWeights; layout: HeadLayout }[] = [];
  for (const [h, { name, task }] of heads.entries()) {
    const stage = `head:${name}`;
    const config = headConfig(100 + h);
    const K = task.labels.length;
    progress({ stage, done: 0, total: folds + 1 });
    const train = headTrainer(rows, task.targets, K, hyper, config, pause);
    const oof = await crossFit(rows, task.sample, foldOf, folds, K, train, (done) =>
      progress({ stage, done, total: folds + 1 }),
    );
    // Offsets fitted on the out-of-fold scores shift them before the temperature is fitted, so the
    // recorded metrics include them (in-sample for the K offsets, out-of-fold for the weights).
    const useOffsets = oof.available && hyper.classOffsets === true;
    const offsets = useOffsets ? fitClassOffsets(oof.logits, truthOf(task), K) : undefined;
    if (offsets) {
      for (let i = 0; i < oof.logits.length; i++)
        oof.logits[i] = (oof.logits[i] as number) + (offsets[i % K] as number);
    }
    const calibration = oof.available
      ? calibrateHead(task, oof.logits)
      : { temperature: 1, metrics: { examples: task.sample.length, calibrated: 0 } };
    metrics[name] = {
      ...calibration.metrics,
      ...(hyper.solver === "sgd"
        ? {}
        : {
            C: hyper.C ?? automaticC(rows),
            nbAlpha: hyper.nbAlpha ?? automaticNbAlpha(rows),
            nbPower: hyper.nbPower ?? 1,
            tolerance: hyper.tolerance ?? automaticTolerance(rows),
            classBalance: hyper.classBalance ?? 1,
          }),
      ...(offsets ? { classOffsets: Array.from(offsets, (o) => round(o, 3)) } : {}),
    };
    const weights = await train(task.sample, 0);
    if (offsets) for (let k = 0; k < K; k++) weights.bias[k] = (weights.bias[k] as number) + (offsets[k] as number);
    progress({ stage, done: folds + 1, total: folds + 1 });
    trained.push({ weights, layout: { name, labels: task.labels, offset: 0, temperature: calibration.temperature } });
  }

  let tagModel: { weights: LinearWeights; layout: TagLayout } | undefined;
  if (tags && useTags) {
    const config: LinearTrainConfig = {
      loss: "sigmoid",
      epochs: hyper.tagEpochs,
      learningRate: hyper.tagLearningRate,
      l2: 0,
      seed: subSeed(seed, 50),
    };
    const T = tags.labels.length;
    progress({ stage: "tags", done: 0, total: folds + 1 });
    const train: Trainer = (sample, fold) =>
      trainLinear(rows, tags.targets, sample, T, { ...config, seed: config.seed + fold }, pause);
    const oof = await crossFit(rows, tags.sample, foldOf, folds, T, train, (done) =>
      progress({ stage: "tags", done, total: folds + 1 }),
    );
    const calibration = oof.available
      ? calibrateTags(tags, oof.logits)
      : { temperature: 1, thresholds: tags.labels.map(() => 0.5), metrics: { examples: tags.sample.length } };
    metrics.tags = calibration.metrics;
    const weights = await train(tags.sample, 0);
    progress({ stage: "tags", done: folds + 1, total: folds + 1 });
    tagModel = {
      weights,
      layout: {
        labels: tags.labels,
        offset: 0,
        temperature: calibration.temperature,
        thresholds: calibration.thresholds,
      },
    };
  }

  const sampleCounts: Record<string, number> = {};
  for (const l of sampleLanguages) if (l) sampleCounts[l] = (sampleCounts[l] ?? 0) + 1;
  const minCount = Math.max(MIN_LANGUAGE_COUNT, MIN_LANGUAGE_SHARE * sampled.length);
  const frequent = new Set(Object.keys(sampleCounts).filter((l) => (sampleCounts[l] ?? 0) >= minCount));
  let languageModel: { weights: LinearWeights; layout: LanguageLayout } | undefined;
  let languageCounts: Record<string, number> = {};
  if (frequent.size >= 2) {
    progress({ stage: "language", done: 0, total: 1 });
    const task = singleLabelTask(sampleLanguages.map((l) => (l && frequent.has(l) ? l : undefined)));
    const config = { ...headConfig(60), epochs: LANGUAGE_EPOCHS };
    const weights = await trainLinear(rows, task.targets, task.sample, task.labels.length, config, pause);
    languageModel = { weights, layout: { labels: task.labels, offset: 0 } };
    const out = new Float64Array(task.labels.length);
    for (let r = 0; r < rows.rows; r++) {
      linearScores(weights, rows.indices, rows.values, rows.offsets[r] as number, rows.offsets[r + 1] as number, out);
      let best = -1;
      let margin = 0;
      for (let k = 0; k < out.length; k++) {
        if ((out[k] as number) > margin) {
          margin = out[k] as number;
          best = k;
        }
      }
      const label = task.labels[best];
      if (label !== undefined) languageCounts[label] = (languageCounts[label] ?? 0) + 1;
    }
    progress({ stage: "language", done: 1, total: 1 });
  } else {
    // One language (or none): estimate the counts from the sample.
    const scale = examples.length / Math.max(1, sampled.length);
    languageCounts = Object.fromEntries(Object.entries(sampleCounts).map(([l, c]) => [l, Math.round(c * scale)]));
  }

  progress({ stage: "finalise", done: 0, total: 1 });
  const parts = combine(rows, trained, tagModel, languageModel);
  const sortedLanguages: Record<string, number> = {};
  for (const l of Object.keys(languageCounts).sort()) sortedLanguages[l] = languageCounts[l] as number;
  const meta: ModelMeta = {
    format: "otai-local-model",
    formatVersion: FORMAT_VERSION,
    id: "",
    createdAt: createdAtOf(options),
    seed,
    heads: trained.map((t) => ({ name: t.layout.name, labels: t.layout.labels })),
    tags: tagModel?.layout.labels ?? [],
    training: {
      examples: examples.length,
      perHead: Object.fromEntries([
        ...heads.map(({ name, task }) => [name, countLabels(task)] as const),
        ...(tags && useTags ? [["tags", countLabels(tags)] as const] : []),
      ]),
      languages: sortedLanguages,
    },
    metrics,
    hyper,
  };
  const model = { meta, featurizer, ...parts };
  meta.id = createHash("sha256")
    .update(payloadDigest(model))
    .update(JSON.stringify({ ...meta, id: "", createdAt: "" }))
    .digest("hex")
    .slice(0, 16);
  progress({ stage: "finalise", done: 1, total: 1 });
  return createLocalModel(model);
}

/** Puts every head's outputs side by side in one quantised matrix. */
function combine(
  rows: SparseRows,
  heads: { weights: LinearWeights; layout: HeadLayout }[],
  tags: { weights: LinearWeights; layout: TagLayout } | undefined,
  language: { weights: LinearWeights; layout: LanguageLayout } | undefined,
) {
  // Each block's layout gets the offset of its outputs in the combined matrix.
  const blocks: { weights: LinearWeights; layout: { offset: number } }[] = [
    ...heads,
    ...(tags ? [tags] : []),
    ...(language ? [language] : []),
  ];
  const outputs = blocks.reduce((n, b) => n + b.weights.outputs, 0);
  const F = rows.cols;
  const weights = new Float32Array(F * outputs);
  const bias = new Float32Array(outputs);
  let offset = 0;
  for (const block of blocks) {
    const K = block.weights.outputs;
    block.layout.offset = offset;
    bias.set(block.weights.bias, offset);
    const W = block.weights.weights;
    for (let f = 0; f < F; f++) {
      const from = f * K;
      const to = f * outputs + offset;
      for (let k = 0; k < K; k++) weights[to + k] = W[from + k] as number;
    }
    offset += K;
  }
  const quantised = quantise(weights, outputs);
  return {
    outputs,
    quantised,
    bias,
    heads: heads.map((h) => h.layout),
    tags: tags?.layout,
    language: language?.layout,
  };
}
