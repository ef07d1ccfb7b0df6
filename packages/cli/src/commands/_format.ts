/**
 * Number formats shared by the evaluation summaries.
 */

/** A share as a percentage with one decimal: 0.125 → "12.5%". */
export const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** A metric with three decimals: 0.5 → "0.500". */
export const num = (value: number): string => value.toFixed(3);
