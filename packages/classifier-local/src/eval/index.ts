/**
 * @module eval
 * Evaluation metrics for classifier heads and the tag head, calibration, and the HTML report of `otai eval`.
 */
export { type CurvePoint, coverageAtPrecision, precisionCoverageCurve } from "./coverage.ts";
export { escapeHtml } from "./html-escape.ts";
export {
  type ClassMetrics,
  type EvalReport,
  evaluatePredictions,
  REPORT_THRESHOLDS,
  type ThresholdRow,
} from "./metrics.ts";
export { type Reliability, type ReliabilityBin, reliability } from "./reliability.ts";
export { type EvalReportHtmlOptions, renderEvalReportHtml } from "./report-html.ts";
export type { ScoredPrediction } from "./scored-prediction.ts";
export { evaluateTags, type TagEvalReport, type TagMetrics } from "./tag-metrics.ts";
export { renderTagReportHtml, type TagReportHtmlOptions } from "./tag-report-html.ts";
