/**
 * @module bench/classify/fasttext-text
 * The fastText recipe's input normalisation (classifier-peers.md): lower-cased, punctuation set apart by spaces.
 */

/**
 * One line of fastText input: lower-cased, every character that is neither a word character nor whitespace
 * set apart by spaces, whitespace (newlines included, which would end the line) collapsed to single spaces.
 * "Word character" is Python's Unicode `\w` (letters, digits, `_`), so this is the usual
 * `re.sub(r"([^\w\s])", r" \1 ", text.lower())`; it reproduces the notes' fastText results exactly.
 *
 * @example
 * fastTextText("Hello, World!\nBye") // → "hello , world ! bye"
 */
export function fastTextText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\s]/gu, " $& ")
    .replace(/\s+/g, " ")
    .trim();
}
