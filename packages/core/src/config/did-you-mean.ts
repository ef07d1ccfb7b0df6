/**
 * @module config/did-you-mean
 * Suggestions for misspelled keys and ids.
 */

function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/**
 * The closest candidate to `input`, if one is close enough to be a likely typo.
 * Comparison ignores case, `_`/`-` and the `prefix:` part when the input has none.
 *
 * @example
 * didYouMean("orchestrater", ["orchestrator", "services"]); // "orchestrator"
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_]/g, "");
  const target = norm(input);
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const forms = [norm(candidate)];
    if (!input.includes(":") && candidate.includes(":")) forms.push(norm(candidate.slice(candidate.indexOf(":") + 1)));
    for (const form of forms) {
      const score = distance(target, form);
      if (score < bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
  }
  const limit = Math.max(2, Math.floor(target.length / 3));
  return best !== undefined && bestScore <= limit && bestScore < target.length ? best : undefined;
}
