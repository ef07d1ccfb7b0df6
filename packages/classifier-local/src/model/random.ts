/**
 * @module model/random
 * A small seeded generator (mulberry32), so that training is reproducible for a given seed.
 */

/**
 * @example
 * const next = createRandom(1);
 * next(); // in [0, 1)
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles `array` in place (Fisher–Yates) with `random`. */
export function shuffle(array: Int32Array, random: () => number): void {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = array[i] as number;
    array[i] = array[j] as number;
    array[j] = t;
  }
}
