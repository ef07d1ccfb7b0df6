/**
 * @module model/types
 * The public shapes of the local model: training input and options, predictions, and the metadata
 * every model file carries.
 */

/** One labelled ticket. A head's label may be missing: the example is then skipped for that head. */
export interface TrainingExample {
  text: string;
  labels: Record<string, string>;
  tags?: readonly string[];
}

/** The tuned defaults are {@link DEFAULT_HYPERPARAMETERS}. */
export interface Hyperparameters {
  /** Word n-grams: 1 (words) or 2 (words and adjacent pairs). */
  wordNgrams: number;
  /** Character n-grams inside word boundaries, from charMin to charMax characters. */
  charMin: number;
  charMax: number;
  /** Texts are cut to this many characters (bounds the cost of one prediction). */
  maxChars: number;
  /** N-grams seen in fewer training texts are dropped. */
  minDf: number;
  /** Weights of the L2-normalised word and character blocks. */
  wordWeight: number;
  charWeight: number;
  /**
   * Word pairs that are not adjacent, in the word block: every such pair in texts of at most
   * `pairAllBelow` words (default 40), and in longer texts pairs 2 to `pairWindow` words apart (default
   * 0: none; 3 gains on long tickets but trains 30% slower and predicts 35% slower). Absent in files
   * from before they were added, which means off.
   */
  pairWindow?: number;
  pairAllBelow?: number;
  /**
   * Above 0: the non-adjacent pairs form a block of their own, normalised apart, with this weight; 0:
   * they are part of the word block. Automatic by text length when not given (see `automaticPairWeight`);
   * files from before it was added have none, which means 0.
   */
  pairWeight?: number;
  /** Passes of stochastic gradient descent over the training data. */
  epochs: number;
  /** Initial learning rate; it falls linearly to zero. */
  learningRate: number;
  /** L2 penalty per example (0: none; the epoch budget is the regulariser). */
  l2: number;
  /** Folds of cross-fitting for the held-out predictions that calibrate the confidences. */
  folds: number;
  /** How single-label heads are trained: "dual" (exact dual coordinate descent, default) or "sgd". */
  solver?: "dual" | "sgd";
  /** Cost C of the dual solver's squared-hinge SVMs. */
  C?: number;
  /** Most passes and the stopping tolerance of the dual solver (tolerance: automatic by text length when absent). */
  maxEpochs?: number;
  tolerance?: number;
  /**
   * NBSVM scaling of the dual solver (Wang & Manning 2012): each class trains on the features times
   * their log-count ratio, smoothed by this α (0: off, the plain LinearSVC objective).
   */
  nbAlpha?: number;
  /**
   * The power γ of the NBSVM scales: each class's ratio r becomes sign(r)·|r|^γ, between the plain SVM
   * (0) and Wang & Manning's scaling (1). Default 0.75 (chosen by 5-fold cross-validation on Tobi's
   * non-test tickets); files from before it was added were trained with 1.
   */
  nbPower?: number;
  /**
   * Class-balanced costs of the dual solver: each row's C times (n / (K·n_c))^classBalance, n_c its
   * class's rows (0: off; 1, the default: scikit-learn's "balanced").
   */
  classBalance?: number;
  /**
   * Per-class bias offsets fitted on the out-of-fold scores to maximise accuracy + macro-F1, kept only
   * if they gain half a point of out-of-fold accuracy. Off unless true (no held-out gain on validation).
   */
  classOffsets?: boolean;
  /** Epochs and learning rate of the tag head (independent sigmoids). */
  tagEpochs: number;
  tagLearningRate: number;
}

export interface TrainOptions {
  /** Default 1; the same seed and data give a byte-identical model file (with the same `createdAt`). */
  seed?: number;
  /** Default: every label key seen. */
  heads?: readonly string[];
  /** Train the multi-label tag head (default: when any example has tags). */
  tags?: boolean;
  /** Tags used fewer times are ignored (default 5). */
  minTagCount?: number;
  onProgress?: (progress: { stage: string; done: number; total: number }) => void;
  hyper?: Partial<Hyperparameters>;
  /** Recorded as `meta.createdAt`; default now, or `SOURCE_DATE_EPOCH` (seconds) when set. */
  createdAt?: Date;
}

export interface LabelScore {
  label: string;
  confidence: number;
}

/** The best label, its calibrated confidence, and the best `topK` scores. */
export interface HeadPrediction {
  label: string;
  confidence: number;
  scores: LabelScore[];
}

export interface Prediction {
  heads: Record<string, HeadPrediction>;
  /** Tags whose calibrated probability is at least their threshold, best first. */
  tags: LabelScore[];
  /** ISO 639-1, or undefined when unsure. */
  language: string | undefined;
}

export interface ModelMeta {
  format: "otai-local-model";
  formatVersion: number;
  /** A digest of the model's contents (so equal models have equal ids). */
  id: string;
  createdAt: string;
  seed: number;
  heads: { name: string; labels: string[] }[];
  tags: string[];
  training: {
    examples: number;
    perHead: Record<string, Record<string, number>>;
    languages: Record<string, number>;
  };
  /** Held-out (out-of-fold) accuracy, macro-F1, ECE, coverage at 95% precision and temperature, per head. */
  metrics: Record<string, unknown>;
  hyper: Hyperparameters;
}

export interface PredictOptions {
  /** Scores per head, best first (default 5). */
  topK?: number;
}

/**
 * @example
 * const [prediction] = model.predict(["My invoice is wrong"]);
 * prediction?.heads.queue?.label; // "Billing"
 */
export interface LocalModel {
  readonly meta: ModelMeta;
  predict(texts: readonly string[], options?: PredictOptions): Prediction[];
  /** Yields to the event loop at least every ~10 ms. */
  predictAsync(texts: readonly string[], options?: PredictOptions & { signal?: AbortSignal }): Promise<Prediction[]>;
}
