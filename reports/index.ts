/**
 * The reports domain: the run model every writer reads, the report formats
 * (report.json, junit.xml, summary.md, report.html) and the shared writer.
 */

// Run model
export { NOTHING_TESTED, REPORT_SCHEMA_VERSION, severityOf, summarize } from './model.js';
export { SEVERITIES, failsRun, nothingTestedAdvice, severityOfResult } from './text.js';
export { compatibilityMatrices, whereRun } from './matrix.js';
export type { CompatibilityMatrix, MatrixCell, MatrixRow } from './matrix.js';
export type {
  CheckResult,
  Evidence,
  HttpExchange,
  Level,
  RequirementNote,
  RunReport,
  RunSummary,
  Severity,
  Status,
  TargetInfo,
} from './model.js';

// Registry and output writer
export { DEFAULT_OUT_DIR, parseReporterNames, reporters, writeReports } from './reporter.js';
export type { Reporter, ReporterName } from './reporter.js';

// Merging the reports of a run's shards
export { MergeError, judgeBlocked, mergeReports, readShardReport } from './merge.js';
export type { MergeErrorCode, MergeOptions } from './merge.js';

// Errors
export { ReportError } from './errors.js';
export { checkWritableFolder, ensureFolder, errorCode, fileErrorInWords } from './folders.js';
export type { ReportErrorCode } from './errors.js';

// Formats
export {
  jsonReporter,
  renderJson,
  REPORT_FORMATS,
  REPORT_VALIDATOR_FILE,
  reportSchema,
  validateReport,
} from './json.js';
export { details as findingDetails, junitReporter, renderJunit } from './junit.js';
export { markdownReporter, renderMarkdown } from './markdown.js';
export { htmlReporter, renderHtml } from './html.js';
