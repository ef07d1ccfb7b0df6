/**
 * @module features/featurizer
 * TF-IDF over hashed n-grams: sublinear term frequency (1 + ln tf), smoothed idf, and the word and
 * character blocks each L2-normalised (as the union of two scikit-learn vectorisers is), then weighted.
 * Only n-grams seen in training (in at least `minDf` texts) have a column.
 */
import { HashTable } from "./hash-table.ts";
import { createNgramBuffer, extractNgrams, type NgramBuffer, type NgramConfig } from "./ngrams.ts";

export interface FeatureConfig extends NgramConfig {
  /** N-grams in fewer training texts get no column (keeps the model small). */
  minDf: number;
  /** Weights of the word and character blocks after each is normalised. */
  wordWeight: number;
  charWeight: number;
  /**
   * 0: the non-adjacent word pairs are part of the word block. Above 0: they are a block of their own,
   * normalised apart and weighted by this.
   */
  pairWeight: number;
}

/** The three blocks of a text's n-grams in the buffer, [from, to) with their weights (the pair block may be empty). */
function blocksOf(buffer: NgramBuffer, config: FeatureConfig): [number, number, number][] {
  const apart = config.pairWeight > 0;
  const wordEnd = apart ? buffer.pairStart : buffer.wordCount;
  return [
    [0, wordEnd, config.wordWeight],
    [wordEnd, buffer.wordCount, config.pairWeight],
    [buffer.wordCount, buffer.count, config.charWeight],
  ];
}

/** Rows of a sparse matrix (compressed sparse rows). */
export interface SparseRows {
  rows: number;
  cols: number;
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** One text's features: column numbers and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
  length: number;
}

/**
 * The fitted vocabulary: the hash of each column and its idf.
 *
 * @example
 * const featurizer = new Featurizer(config, hashes, idf);
 * const vector = featurizer.transform("Printer broken");
 */
export class Featurizer {
  readonly config: FeatureConfig;
  /** The n-gram hash of each column, in column order (what the model file stores). */
  readonly hashes: Int32Array;
  readonly idf: Float32Array;
  private readonly table: HashTable;
  private readonly buffer: NgramBuffer;
  private readonly shared: SparseVector;
  /** A float view of the table's slots (the idf sits in each slot's third word). */
  private readonly idfView: Float32Array;
  private readonly touchedSlots: Int32Array;
  private readonly counts: Int32Array;

  constructor(config: FeatureConfig, hashes: Int32Array, idf: Float32Array) {
    this.config = config;
    this.hashes = hashes;
    this.idf = idf;
    this.table = new HashTable(hashes.length);
    for (let c = 0; c < hashes.length; c++) this.table.set(hashes[c] as number, c);
    this.buffer = createNgramBuffer(config);
    this.idfView = new Float32Array(this.table.slots.buffer);
    for (let c = 0; c < hashes.length; c++) {
      this.idfView[this.table.slotOf(hashes[c] as number) + 2] = idf[c] as number;
    }
    this.touchedSlots = new Int32Array(this.buffer.hashes.length);
    this.counts = new Int32Array(this.buffer.hashes.length);
    this.shared = {
      indices: new Int32Array(this.buffer.hashes.length),
      values: new Float32Array(this.buffer.hashes.length),
      length: 0,
    };
  }

  get size(): number {
    return this.hashes.length;
  }

  /** The most features one text can have (the length of the vectors `transformShared` fills). */
  get maxFeatures(): number {
    return this.shared.indices.length;
  }

  /** The features of `text`; the returned arrays are owned by the caller. */
  transform(text: string): SparseVector {
    const shared = this.transformShared(text);
    return {
      indices: shared.indices.slice(0, shared.length),
      values: shared.values.slice(0, shared.length),
      length: shared.length,
    };
  }

  /** The features of `text` in buffers reused by the next call (no allocation: the prediction path). */
  transformShared(text: string): SparseVector {
    const buffer = this.buffer;
    extractNgrams(text, this.config, buffer);
    const { indices, values } = this.shared;
    // As blocksOf, without allocating on the prediction path.
    const { wordWeight, pairWeight, charWeight } = this.config;
    const wordEnd = pairWeight > 0 ? buffer.pairStart : buffer.wordCount;
    let length = this.block(0, wordEnd, wordWeight, indices, values, 0);
    length = this.block(wordEnd, buffer.wordCount, pairWeight, indices, values, length);
    length = this.block(buffer.wordCount, buffer.count, charWeight, indices, values, length);
    this.shared.length = length;
    return this.shared;
  }

  private block(
    from: number,
    to: number,
    weight: number,
    indices: Int32Array,
    values: Float32Array,
    start: number,
  ): number {
    const { hashes } = this.buffer;
    // One probe of the vocabulary table per n-gram does the lookup and the counting: a found slot's
    // spare word marks it with the text's position in `touchedSlots` (cleared again below), and its
    // other spare word holds the column's idf, so a feature costs one random read, not three.
    const slots = this.table.slots;
    const idfBits = this.idfView;
    const touchedSlots = this.touchedSlots;
    const counts = this.counts;
    let distinct = 0;
    for (let i = from; i < to; i++) {
      const at = this.table.slotOf(hashes[i] as number);
      if (at < 0) continue;
      const mark = slots[at + 3] as number;
      if (mark > 0) counts[mark - 1] = (counts[mark - 1] as number) + 1;
      else {
        touchedSlots[distinct] = at;
        counts[distinct++] = 1;
        slots[at + 3] = distinct;
      }
    }
    let norm = 0;
    for (let d = 0; d < distinct; d++) {
      const at = touchedSlots[d] as number;
      slots[at + 3] = 0;
      const count = counts[d] as number;
      const v = (count === 1 ? 1 : 1 + Math.log(count)) * (idfBits[at + 2] as number);
      indices[start + d] = slots[at + 1] as number;
      values[start + d] = v;
      norm += v * v;
    }
    const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
    for (let d = start; d < start + distinct; d++) values[d] = (values[d] as number) * scale;
    return start + distinct;
  }
}

/** Writes (1 + ln tf) · idf for the touched columns, L2-normalised and scaled, and clears them. */
export function writeTfIdf(
  touched: Int32Array,
  unique: number,
  counts: Float64Array,
  idf: Float32Array,
  weight: number,
  indices: Int32Array,
  values: Float32Array,
  start: number,
): number {
  let norm = 0;
  for (let u = 0; u < unique; u++) {
    const col = touched[u] as number;
    const count = counts[col] as number;
    // Most n-grams occur once in a text; skipping the logarithm then is a measurable share of a prediction.
    const v = (count === 1 ? 1 : 1 + Math.log(count)) * (idf[col] as number);
    counts[col] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
  for (let u = 0; u < unique; u++) {
    const col = touched[u] as number;
    indices[start + u] = col;
    values[start + u] = (counts[col] as number) * scale;
    counts[col] = 0;
  }
  return start + unique;
}

/** What fitting returns: the featurizer and the training texts as rows of it. */
export interface FittedFeatures {
  featurizer: Featurizer;
  rows: SparseRows;
}

/**
 * Learns the vocabulary and idf from the training texts and transforms them, in two passes over the
 * extracted n-grams (the second only remaps columns after pruning).
 *
 * @example
 * const { featurizer, rows } = await fitFeatures(texts, config);
 */
export async function fitFeatures(
  texts: readonly string[],
  config: FeatureConfig,
  pause: () => Promise<void> | undefined = () => undefined,
): Promise<FittedFeatures> {
  const table = new HashTable(1 << 16);
  const buffer = createNgramBuffer(config);
  let colHash: Int32Array = new Int32Array(1 << 16);
  let df: Int32Array = new Int32Array(1 << 16);
  let counts: Float64Array = new Float64Array(1 << 16);
  const touched = new Int32Array(buffer.hashes.length);
  // Per text: the unique provisional columns and counts, block by block; `docEnds` holds where each of
  // its first two blocks (words, pairs) ends.
  let docCols: Int32Array = new Int32Array(1 << 20);
  let docCounts: Float32Array = new Float32Array(1 << 20);
  const docOffsets = new Int32Array(texts.length + 1);
  const docEnds = new Int32Array(texts.length * 2);
  let used = 0;

  for (let d = 0; d < texts.length; d++) {
    if ((d & 31) === 0) await pause();
    extractNgrams(texts[d] as string, config, buffer);
    if (used + buffer.count > docCols.length) {
      const size = Math.max(docCols.length * 2, used + buffer.count);
      docCols = grow(docCols, size);
      docCounts = growFloat(docCounts, size);
    }
    const blocks = blocksOf(buffer, config);
    for (let block = 0; block < 3; block++) {
      const [from, to] = blocks[block] as [number, number, number];
      let unique = 0;
      for (let i = from; i < to; i++) {
        const hash = buffer.hashes[i] as number;
        const col = table.insert(hash);
        if (col >= colHash.length) {
          colHash = grow(colHash, colHash.length * 2);
          df = grow(df, df.length * 2);
          counts = growFloat64(counts, counts.length * 2);
        }
        if (counts[col] === 0) {
          touched[unique++] = col;
          colHash[col] = hash;
        }
        counts[col] = (counts[col] as number) + 1;
      }
      for (let u = 0; u < unique; u++) {
        const col = touched[u] as number;
        docCols[used] = col;
        docCounts[used++] = counts[col] as number;
        df[col] = (df[col] as number) + 1;
        counts[col] = 0;
      }
      if (block < 2) docEnds[d * 2 + block] = used;
    }
    docOffsets[d + 1] = used;
  }

  // Keep columns in at least minDf texts, renumbered by falling df (ties: first seen), so that the
  // weights of common n-grams sit together in memory at prediction time.
  const provisional = table.size;
  const remap = new Int32Array(provisional).fill(-1);
  const keep: number[] = [];
  for (let c = 0; c < provisional; c++) if ((df[c] as number) >= config.minDf) keep.push(c);
  keep.sort((a, b) => (df[b] as number) - (df[a] as number) || a - b);
  const kept = keep.length;
  keep.forEach((c, k) => {
    remap[c] = k;
  });
  const hashes = new Int32Array(kept);
  const idf = new Float32Array(kept);
  const n = texts.length;
  for (let c = 0; c < provisional; c++) {
    const k = remap[c] as number;
    if (k < 0) continue;
    hashes[k] = colHash[c] as number;
    idf[k] = Math.log((1 + n) / (1 + (df[c] as number))) + 1;
  }

  const offsets = new Int32Array(n + 1);
  const indices = new Int32Array(used);
  const values = new Float32Array(used);
  const scratch = new Float64Array(kept);
  let length = 0;
  for (let d = 0; d < n; d++) {
    if ((d & 63) === 0) await pause();
    for (const [from, to, weight] of [
      [docOffsets[d] as number, docEnds[d * 2] as number, config.wordWeight],
      [docEnds[d * 2] as number, docEnds[d * 2 + 1] as number, config.pairWeight],
      [docEnds[d * 2 + 1] as number, docOffsets[d + 1] as number, config.charWeight],
    ] as const) {
      let unique = 0;
      for (let i = from; i < to; i++) {
        const k = remap[docCols[i] as number] as number;
        if (k < 0) continue;
        touched[unique++] = k;
        scratch[k] = docCounts[i] as number;
      }
      length = writeTfIdf(touched, unique, scratch, idf, weight, indices, values, length);
    }
    offsets[d + 1] = length;
  }
  return {
    featurizer: new Featurizer(config, hashes, idf),
    rows: { rows: n, cols: kept, offsets, indices: indices.slice(0, length), values: values.slice(0, length) },
  };
}

function grow(array: Int32Array, size: number): Int32Array {
  const next = new Int32Array(size);
  next.set(array);
  return next;
}

function growFloat(array: Float32Array, size: number): Float32Array {
  const next = new Float32Array(size);
  next.set(array);
  return next;
}

function growFloat64(array: Float64Array, size: number): Float64Array {
  const next = new Float64Array(size);
  next.set(array);
  return next;
}
