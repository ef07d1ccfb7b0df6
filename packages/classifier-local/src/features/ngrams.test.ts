import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_HYPERPARAMETERS } from "../model/defaults.ts";
import { featureConfig } from "../model/feature-config.ts";
import { createNgramBuffer, extractNgrams, type NgramConfig } from "./ngrams.ts";

// Words only (no character n-grams), so the word block is all there is to count.
const words = (pairWindow: number, pairAllBelow: number): NgramConfig => ({
  wordNgrams: 2,
  charMin: 0,
  charMax: 0,
  maxChars: 4000,
  pairWindow,
  pairAllBelow,
});

function wordBlock(text: string, config: NgramConfig): number[] {
  const buffer = createNgramBuffer(config);
  extractNgrams(text, config, buffer);
  assert.equal(buffer.count, buffer.wordCount, "no character n-grams were asked for");
  return Array.from(buffer.hashes.subarray(0, buffer.wordCount));
}

const sentence = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(" ");

describe("word pairs", () => {
  it("are absent when both settings are 0: words and adjacent pairs only, as before pairs existed", () => {
    assert.equal(wordBlock(sentence(6), words(0, 0)).length, 6 + 5);
  });

  it("are absent from a longer text without a pair window (the default: short texts only)", () => {
    assert.equal(wordBlock(sentence(41), words(0, 40)).length, 41 + 40);
    assert.equal(wordBlock(sentence(40), words(0, 40)).length, 40 + 39 + (38 * 39) / 2);
  });

  it("cover every non-adjacent ordered pair of a short text", () => {
    // 6 words: 15 pairs in all, 5 of them adjacent (the bigrams), so 10 more.
    assert.equal(wordBlock(sentence(6), words(3, 40)).length, 6 + 5 + 10);
    // Exactly at the limit still counts as short: 40 words, 39 bigrams, 38·39/2 non-adjacent pairs.
    assert.equal(wordBlock(sentence(40), words(3, 40)).length, 40 + 39 + (38 * 39) / 2);
  });

  it("reach 2 to pairWindow words apart in a longer text", () => {
    // 41 words with a window of 3: 39 pairs two apart and 38 three apart.
    assert.equal(wordBlock(sentence(41), words(3, 40)).length, 41 + 40 + 39 + 38);
  });

  it("depend on the order of the words", () => {
    const forward = new Set(wordBlock("alpha beta gamma", words(3, 40)));
    const backward = new Set(wordBlock("gamma beta alpha", words(3, 40)));
    const only = [...forward].filter((h) => !backward.has(h));
    // The unigrams are shared; the bigrams and the one skip pair differ.
    assert.equal(only.length, 3);
  });

  it("fit the buffer in the worst case: the longest text of the shortest words", () => {
    const config = featureConfig(DEFAULT_HYPERPARAMETERS);
    const buffer = createNgramBuffer(config);
    const tiny = "ab ".repeat(Math.ceil(config.maxChars / 3));
    extractNgrams(tiny, config, buffer);
    assert.ok(buffer.count <= buffer.hashes.length);
    const short = sentence(config.pairAllBelow);
    extractNgrams(short, config, buffer);
    assert.ok(buffer.count <= buffer.hashes.length);
  });

  it("stay off for a model file whose settings predate them", () => {
    const { pairWindow: _window, pairAllBelow: _below, ...older } = DEFAULT_HYPERPARAMETERS;
    const config = featureConfig(older);
    assert.equal(config.pairWindow, 0);
    assert.equal(config.pairAllBelow, 0);
    assert.equal(config.pairWeight, 0, "and no block of their own");
  });
});
