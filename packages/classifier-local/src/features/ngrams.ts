/**
 * @module features/ngrams
 * One pass over a text yields the hashes of its word 1–2-grams and of its character n-grams inside
 * word boundaries (scikit-learn's `char_wb`): the peer TF-IDF recipe, without building strings.
 * Beside them, word pairs that are not adjacent (a degree-2 feature a linear model cannot form):
 * every ordered pair in a short text and, if asked, pairs a few words apart in a long one.
 */

/** Which n-grams to extract. */
export interface NgramConfig {
  /** 1: words only; 2: words and word pairs. */
  wordNgrams: number;
  /** Character n-grams of padded words, from `charMin` to `charMax` characters (0 to disable). */
  charMin: number;
  charMax: number;
  /** Longer texts are cut here, which bounds the cost of a prediction. */
  maxChars: number;
  /**
   * Word pairs 2 to `pairWindow` words apart (0: none). Texts of at most `pairAllBelow` words get every
   * ordered pair of non-adjacent words instead.
   */
  pairWindow: number;
  pairAllBelow: number;
}

/**
 * The extracted hashes: words and word pairs (the word block) in `[0, wordCount)`, character n-grams in
 * `[wordCount, count)`.
 */
export interface NgramBuffer {
  hashes: Int32Array;
  /** Where the non-adjacent pairs start inside the word block (words and adjacent pairs come first). */
  pairStart: number;
  /** The text's word hashes in order (scratch for the pairs). */
  words: Int32Array;
  wordCount: number;
  count: number;
}

const WORD_SEED = 0x811c9dc5;
const CHAR_SEED = 0x050c5d1f;
const PAIR_SEED = 0x2b7e1516;
const SKIP_SEED = 0x1b873593;
const FNV_PRIME = 0x01000193;
const SPACE = 32;

// 1 = part of a word token (scikit-learn's \w), 2 = whitespace; computed lazily per UTF-16 unit.
const charClass = new Uint8Array(65536);
const classKnown = new Uint8Array(65536);
const WORD_CHAR = /^[\p{L}\p{N}\p{M}_]$/u;
const SPACE_CHAR = /^\s$/u;

function classOf(code: number): number {
  if (classKnown[code] === 0) {
    const ch = String.fromCharCode(code);
    charClass[code] = WORD_CHAR.test(ch) ? 1 : SPACE_CHAR.test(ch) ? 2 : 0;
    classKnown[code] = 1;
  }
  return charClass[code] as number;
}

/** A buffer sized for `maxChars`; reuse it across texts. */
export function createNgramBuffer(config: NgramConfig): NgramBuffer {
  const span = Math.max(0, config.charMax - config.charMin + 1);
  // A word takes at least two characters and a separator.
  const words = Math.floor(config.maxChars / 3) + 1;
  const pairs =
    words * Math.max(0, config.pairWindow - 1) + (config.pairAllBelow * Math.max(0, config.pairAllBelow - 1)) / 2;
  return {
    hashes: new Int32Array(config.maxChars * (2 * span + 2) + pairs + 16),
    words: new Int32Array(words),
    pairStart: 0,
    wordCount: 0,
    count: 0,
  };
}

/**
 * Fills `out` with the n-gram hashes of `text` (lower-cased). Pure function of the text and config.
 *
 * @example
 * const buffer = createNgramBuffer(config);
 * extractNgrams("Printer broken", config, buffer); // buffer.count hashes
 */
export function extractNgrams(text: string, config: NgramConfig, out: NgramBuffer): void {
  const lower = (text.length > config.maxChars ? text.slice(0, config.maxChars) : text).toLowerCase();
  const n = lower.length;
  const hashes = out.hashes;
  let count = 0;

  // Word tokens of two or more word characters, and adjacent pairs of them.
  const words = out.words;
  let wordTotal = 0;
  let previous = 0;
  let havePrevious = false;
  for (let i = 0; i < n; ) {
    if (classOf(lower.charCodeAt(i)) !== 1) {
      i++;
      continue;
    }
    let h = WORD_SEED;
    let j = i;
    while (j < n && classOf(lower.charCodeAt(j)) === 1) {
      h = Math.imul(h ^ lower.charCodeAt(j), FNV_PRIME);
      j++;
    }
    if (j - i >= 2) {
      hashes[count++] = h;
      words[wordTotal++] = h;
      if (config.wordNgrams >= 2 && havePrevious) {
        hashes[count++] = Math.imul(Math.imul(previous ^ PAIR_SEED, FNV_PRIME) ^ h, FNV_PRIME) ^ (h >>> 15);
      }
      previous = h;
      havePrevious = true;
    }
    i = j;
  }
  // Non-adjacent pairs follow the words (from `pairStart`), so the featurizer can keep them in the word
  // block (long tickets) or give them a block of their own (short queries; see automaticPairWeight).
  out.pairStart = count;
  const reach = wordTotal <= config.pairAllBelow ? wordTotal : config.pairWindow;
  if (reach >= 2) {
    for (let a = 0; a + 2 < wordTotal; a++) {
      const x = Math.imul((words[a] as number) ^ SKIP_SEED, FNV_PRIME);
      const last = Math.min(wordTotal - 1, a + reach);
      for (let b = a + 2; b <= last; b++) {
        const y = words[b] as number;
        hashes[count++] = Math.imul(x ^ y, FNV_PRIME) ^ (y >>> 11);
      }
    }
  }
  out.wordCount = count;

  // Character n-grams of each whitespace-separated token padded with one space on each side.
  const { charMin, charMax } = config;
  if (charMax >= charMin && charMin > 0) {
    for (let i = 0; i < n; ) {
      if (classOf(lower.charCodeAt(i)) === 2) {
        i++;
        continue;
      }
      let j = i;
      while (j < n && classOf(lower.charCodeAt(j)) !== 2) j++;
      const length = j - i + 2;
      for (let s = 0; s < length; s++) {
        let h = CHAR_SEED;
        const last = Math.min(charMax, length - s);
        for (let k = 1; k <= last; k++) {
          const p = s + k - 1;
          const code = p === 0 || p === length - 1 ? SPACE : lower.charCodeAt(i + p - 1);
          h = Math.imul(h ^ code, FNV_PRIME);
          if (k >= charMin) hashes[count++] = h;
        }
      }
      i = j;
    }
  }
  out.count = count;
}
