/**
 * @module model/local-model
 * The trained model at inference time: one weight matrix holds every head's outputs side by side
 * (single-label heads, tags, language), so a text's features are read once for all of them.
 */
import type { Featurizer } from "../features/featurizer.ts";
import { detectLanguage } from "../language/detect-language.ts";
import { sigmoid, softmaxInto } from "./calibration.ts";
import type { QuantisedWeights } from "./quantize.ts";
import type { HeadPrediction, LabelScore, LocalModel, ModelMeta, Prediction, PredictOptions } from "./types.ts";
import { createYielder } from "./yielder.ts";

/** A single-label head: its outputs `[offset, offset + labels.length)` and its temperature. */
export interface HeadLayout {
  name: string;
  labels: string[];
  offset: number;
  temperature: number;
}

/** The multi-label tag head: independent sigmoids, a shared temperature, a threshold per tag. */
export interface TagLayout {
  labels: string[];
  offset: number;
  temperature: number;
  thresholds: number[];
}

/** The language head: one-vs-rest margins; a language is named only when its margin is positive. */
export interface LanguageLayout {
  labels: string[];
  offset: number;
}

/** Everything a model is made of; what the model file stores. */
export interface ModelParts {
  meta: ModelMeta;
  featurizer: Featurizer;
  outputs: number;
  /** Int8 weights, feature-major (the outputs of feature `f` start at `f * outputs`), as the file stores them. */
  quantised: QuantisedWeights;
  bias: Float32Array;
  heads: HeadLayout[];
  tags: TagLayout | undefined;
  language: LanguageLayout | undefined;
}

/** A {@link LocalModel} that also exposes its parts (for saving). */
export interface CompiledModel extends LocalModel {
  readonly parts: ModelParts;
}

const DEFAULT_TOP_K = 5;

/** A prediction whose `language` is detected on first read (then kept), as an ordinary enumerable property. */
function lazyLanguage(prediction: Omit<Prediction, "language">, text: string): Prediction {
  let detected: { value: string | undefined } | undefined;
  return Object.defineProperty(prediction, "language", {
    enumerable: true,
    configurable: true,
    get() {
      detected ??= { value: detectLanguage(text) };
      return detected.value;
    },
  }) as Prediction;
}

/**
 * @example
 * const model = createLocalModel(parts);
 * model.predict(["Invoice wrong"])[0]?.heads.queue?.label;
 */
export function createLocalModel(parts: ModelParts): CompiledModel {
  const { featurizer, outputs, bias } = parts;
  const { scales, values: quantised } = parts.quantised;
  const scores = new Float64Array(outputs);
  const maxHead = Math.max(1, ...parts.heads.map((h) => h.labels.length));
  const probabilities = new Float64Array(maxHead);
  const xs = new Float64Array(featurizer.maxFeatures);
  const bases = new Int32Array(featurizer.maxFeatures);

  function predictOne(text: string, topK: number): Prediction {
    const vector = featurizer.transformShared(text);
    const { indices, values, length } = vector;
    // The int8 weights are read directly (a quarter of the memory traffic of floats): the scale of
    // each feature row is folded into the feature's value. Each feature's scaled value and weight
    // offset are gathered once; then four outputs at a time are summed in locals rather than in
    // `scores` (a load and a store per weight). Against one pass adding into `scores`, in one process on
    // this benchmark's models: Tobi type (9 outputs) +9% predictions a second, queue (15) +1%,
    // BANKING77 (77) +15 to +20%, CLINC150 (150) +32%.
    for (let i = 0; i < length; i++) {
      const f = indices[i] as number;
      xs[i] = (values[i] as number) * (scales[f] as number);
      bases[i] = f * outputs;
    }
    let k = 0;
    for (; k + 4 <= outputs; k += 4) {
      let s0 = bias[k] as number;
      let s1 = bias[k + 1] as number;
      let s2 = bias[k + 2] as number;
      let s3 = bias[k + 3] as number;
      for (let i = 0; i < length; i++) {
        const base = (bases[i] as number) + k;
        const x = xs[i] as number;
        s0 += x * (quantised[base] as number);
        s1 += x * (quantised[base + 1] as number);
        s2 += x * (quantised[base + 2] as number);
        s3 += x * (quantised[base + 3] as number);
      }
      scores[k] = s0;
      scores[k + 1] = s1;
      scores[k + 2] = s2;
      scores[k + 3] = s3;
    }
    for (; k < outputs; k++) {
      let s = bias[k] as number;
      for (let i = 0; i < length; i++) s += (xs[i] as number) * (quantised[(bases[i] as number) + k] as number);
      scores[k] = s;
    }
    const heads: Record<string, HeadPrediction> = {};
    for (const head of parts.heads) heads[head.name] = headPrediction(head, topK);
    const tags = tagScores();
    if (parts.language) return { heads, tags, language: languageFromHead(parts.language) };
    // A model trained on one language has no head to tell languages apart; the detector is slow
    // (about 0.5 ms a ticket), so it runs only when the language is read.
    return lazyLanguage({ heads, tags }, text);
  }

  function headPrediction(head: HeadLayout, topK: number): HeadPrediction {
    const K = head.labels.length;
    const p = probabilities.subarray(0, K);
    softmaxInto(scores.subarray(head.offset, head.offset + K), head.temperature, p);
    const ranked: LabelScore[] = [];
    const used = new Uint8Array(K);
    for (let r = 0; r < Math.min(Math.max(1, topK), K); r++) {
      let best = -1;
      for (let k = 0; k < K; k++) if (used[k] === 0 && (best < 0 || (p[k] as number) > (p[best] as number))) best = k;
      used[best] = 1;
      ranked.push({ label: head.labels[best] as string, confidence: p[best] as number });
    }
    const top = ranked[0] as LabelScore;
    return { label: top.label, confidence: top.confidence, scores: ranked };
  }

  function tagScores(): LabelScore[] {
    const tags = parts.tags;
    if (!tags) return [];
    const chosen: LabelScore[] = [];
    for (let t = 0; t < tags.labels.length; t++) {
      const confidence = sigmoid(scores[tags.offset + t] as number, tags.temperature);
      if (confidence >= (tags.thresholds[t] as number)) chosen.push({ label: tags.labels[t] as string, confidence });
    }
    return chosen.sort((a, b) => b.confidence - a.confidence);
  }

  function languageFromHead(head: LanguageLayout): string | undefined {
    let best = -1;
    let margin = 0;
    for (let k = 0; k < head.labels.length; k++) {
      const s = scores[head.offset + k] as number;
      if (s > margin) {
        margin = s;
        best = k;
      }
    }
    return best < 0 ? undefined : head.labels[best];
  }

  return {
    meta: parts.meta,
    parts,
    predict(texts, options: PredictOptions = {}) {
      const topK = options.topK ?? DEFAULT_TOP_K;
      return texts.map((text) => predictOne(text, topK));
    },
    async predictAsync(texts, options = {}) {
      const topK = options.topK ?? DEFAULT_TOP_K;
      const pause = createYielder(8, options.signal);
      options.signal?.throwIfAborted();
      const out: Prediction[] = [];
      for (const text of texts) {
        out.push(predictOne(text, topK));
        await pause();
      }
      return out;
    },
  };
}
