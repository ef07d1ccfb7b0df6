import assert from "node:assert/strict";
import { test } from "node:test";
import { fastTextText } from "./fasttext-text.ts";

test("fastTextText lower-cases and sets punctuation and symbols apart", () => {
  assert.equal(fastTextText("Hello, World!"), "hello , world !");
  assert.equal(fastTextText("Preis: 5€ (netto)?"), "preis : 5 € ( netto ) ?");
});

test("fastTextText keeps one line: newlines and runs of whitespace become one space", () => {
  assert.equal(fastTextText("  Line one\r\n\tline   two \n"), "line one line two");
});

test("fastTextText keeps letters, digits and underscores together, as Python's \\w does", () => {
  assert.equal(fastTextText("Ça n'a pas marché: error_code 42"), "ça n ' a pas marché : error_code 42");
});
